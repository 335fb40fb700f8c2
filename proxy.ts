// Runs before every page: a fresh CSP nonce per request. Next.js takes the nonce from the
// request's Content-Security-Policy header and puts it on every script it renders.
// NOT for `GET /api/console/parents`: the portal server answers it before Next.js
// (lib/http/grid-search-endpoint.ts). A check added here must be added there too;
// tests/e2e/grid-search-fast-path.test.ts compares the two answers. The parents' entry pages
// for visitors without a session are answered from a copy of one render
// (lib/http/public-page-cache.ts): this runs once for that render (from 127.0.0.1), not for
// each visitor, so anything that depends on the visitor does not belong here (or must make
// that cache step aside).
import { NextResponse, type NextRequest } from "next/server";
import { publicUrlIsHttps } from "@/lib/config/public-url";
import { contentSecurityPolicy, createNonce } from "@/lib/http/security-headers";

export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const policy = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development", https: publicUrlIsHttps() });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  requestHeaders.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Everything but the build's static files (immutable, no nonce to carry) and the Dev inbox's
  // message route: its response carries its own, stricter CSP (no scripts at all, sandbox,
  // framed only by the console; lib/mail/dev-mail-html-response.ts), which this one would replace.
  // The roster upload too: with a proxy in front, Next.js copies every request body into memory
  // and cuts it at 10 MB; that route streams packages of hundreds of MB to disk (JSON answers only).
  // Anchored: a path that merely starts like one of them (/faviconXico, /_next/image/x) is a
  // page like any other.
  matcher: [{ source: "/((?!_next/static/|_next/image$|favicon\\.ico$|api/console/dev-inbox/|api/console/roster/upload$).*)" }],
};
