// The HTTP response that shows one captured mail's HTML inside the Dev inbox's frame. The
// restriction travels in response headers, which nothing in the mail's HTML can remove or
// precede (a <meta> CSP inserted into the markup could be bypassed: see issue 7, item 13).
export const DEV_MAIL_HTML_CSP = [
  "default-src 'none'",
  "img-src data:",
  "style-src 'unsafe-inline'",
  // Scripts, forms, popups, navigation and same-origin access are all off, even if the
  // frame's sandbox attribute were lost (e.g. the URL opened in a tab of its own).
  "sandbox",
  // Only the console itself may frame it.
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

export function devMailHtmlResponse(html: string): Response {
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": DEV_MAIL_HTML_CSP,
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "SAMEORIGIN",
      "Referrer-Policy": "no-referrer",
      "Cross-Origin-Resource-Policy": "same-origin",
      "Cache-Control": "no-store",
    },
  });
}
