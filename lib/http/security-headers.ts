// Response headers every page carries. The CSP is built per request by proxy.ts with a fresh
// nonce (Next.js reads it from the request's CSP header and puts it on its own scripts); the
// transport headers are added by lib/http/portal-server.ts to every response.

/** Features the portal never uses, switched off for the page and anything it embeds. */
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "payment=()",
  "usb=()",
].join(", ");

/** On every response (next.config.ts), and on the answers the portal server gives itself. */
export const EVERY_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Permissions-Policy": PERMISSIONS_POLICY,
};

/** On every response but the Dev inbox's message route (next.config.ts), and on the portal server's own answers. */
export const NOT_FRAMED_HEADERS: Readonly<Record<string, string>> = {
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
};

/** Two years; only sent when the public URL is https (a browser ignores it over http anyway). */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** 128 random bits, base64: unguessable and new for every response. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy({ nonce, dev, https }: { nonce: string; dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts loaded by a nonced script (Next's chunks) may run; nothing else.
    // React needs eval only in development, for its debugging stacks.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Styles may be inline: React renders style="" attributes (which cannot carry a nonce) and
    // the Dev inbox shows captured mail, whose inline styles are the point, in a srcdoc frame
    // that inherits this policy. Inline CSS cannot run script.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    // The self-service CAPTCHA (ALTCHA) does its proof of work in Web Workers it builds from
    // its own bundled code as blob: URLs; without this, workers would fall back to script-src,
    // whose 'strict-dynamic' blocks them. A worker cannot touch the page or its cookies.
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}
