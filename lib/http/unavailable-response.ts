// When the database cannot be reached, a request fails in whatever code touched it first and
// Next.js answers 500 with its generic error page (or a route handler its own 500). For such
// a request the portal's server sends this instead: 503 with Retry-After, a short page that
// says the service is temporarily unavailable (in the parent's language on parent pages) or,
// under /api/, the JSON result shape. Nothing else changes: once the database is back, the
// next request simply succeeds (the pool opens new connections; no restart needed).
import type { IncomingMessage, ServerResponse } from "node:http";
import { directionOf, LOCALE_COOKIE, resolveLocale, type AppLocale } from "@/lib/i18n/locales";
import { databaseFailureCount } from "@/lib/ops/database-failures";
import ar from "@/messages/ar/Common.json";
import en from "@/messages/en/Common.json";
import es from "@/messages/es/Common.json";
import vi from "@/messages/vi/Common.json";

const PARENT_TEXTS: Record<AppLocale, typeof en> = { en, es, vi, ar };
const STAFF_TEXT = {
  title: "Temporarily unavailable",
  text: "The console cannot reach its database right now. Please try again in a few minutes; if this persists, tell your district's IT staff.",
};
const API_MESSAGE = "The service is temporarily unavailable: its database cannot be reached. Try again in a few minutes.";
const RETRY_AFTER_SECONDS = "30";
/** Headers of the failed response that still apply to ours; the rest (type, length, caching, CSP) are replaced. */
const KEPT_HEADERS = new Set(["strict-transport-security", "x-content-type-options", "permissions-policy", "x-frame-options", "referrer-policy"]);

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const [key, ...value] = part.trim().split("=");
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join("="));
    } catch {
      return undefined; // not URL-encoded text (a lone "%"): as if absent
    }
  }
  return undefined;
}

function htmlPage(lang: string, dir: string, title: string, text: string): string {
  return `<!DOCTYPE html>
<html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#0f172a}h1{font-size:1.5rem}</style>
</head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></main></body></html>
`;
}

/** The 503 answer for this request: JSON under /api/, the console's page, or the parent portal's in the visitor's language. */
export function unavailableResponse(req: IncomingMessage): { headers: Record<string, string>; body: string } {
  const path = (req.url ?? "/").split("?")[0]!;
  const common = { "Cache-Control": "no-store", "Retry-After": RETRY_AFTER_SECONDS };
  if (path.startsWith("/api/")) {
    return { headers: { ...common, "Content-Type": "application/json" }, body: JSON.stringify({ ok: false, code: "error", error: API_MESSAGE }) };
  }
  const page = path === "/console" || path.startsWith("/console/")
    ? htmlPage("en", "ltr", STAFF_TEXT.title, STAFF_TEXT.text)
    : (() => {
        const acceptLanguage = req.headers["accept-language"];
        const locale = resolveLocale(cookieValue(req.headers.cookie, LOCALE_COOKIE), typeof acceptLanguage === "string" ? acceptLanguage : null);
        return htmlPage(locale, directionOf(locale), PARENT_TEXTS[locale].unavailableTitle, PARENT_TEXTS[locale].unavailableText);
      })();
  return {
    headers: { ...common, "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" },
    body: page,
  };
}

type Callback = (error?: Error | null) => void;

/**
 * Watches one response: if it is about to go out as a 500 and the database could not be
 * reached while the request ran, the 503 answer goes out instead and whatever the failed
 * handler still writes is dropped. A response whose headers already went out (a page that
 * failed after streaming began) is left alone.
 */
export function answerUnavailableOnDatabaseFailure(req: IncomingMessage, res: ServerResponse): void {
  const failuresBefore = databaseFailureCount();
  const original = { writeHead: res.writeHead, write: res.write, end: res.end };
  let replaced = false;
  const takeOver = (status: number): boolean => {
    if (replaced) return true;
    if (status !== 500 || res.headersSent || databaseFailureCount() === failuresBefore) return false;
    replaced = true;
    const answer = unavailableResponse(req);
    for (const name of res.getHeaderNames()) if (!KEPT_HEADERS.has(name)) res.removeHeader(name);
    (original.writeHead as (status: number, headers: Record<string, string>) => ServerResponse).call(res, 503, answer.headers);
    (original.end as (body: string) => ServerResponse).call(res, answer.body);
    return true;
  };
  const callbackOf = (args: unknown[]) => args.find((arg): arg is Callback => typeof arg === "function");

  res.writeHead = function writeHead(this: ServerResponse, status: number, ...rest: unknown[]) {
    if (takeOver(status)) return this;
    return (original.writeHead as (...args: unknown[]) => ServerResponse).call(this, status, ...rest);
  } as typeof res.writeHead;
  res.write = function write(this: ServerResponse, ...args: unknown[]) {
    if (takeOver(this.statusCode)) {
      callbackOf(args)?.();
      return true;
    }
    return (original.write as (...args: unknown[]) => boolean).apply(this, args);
  } as typeof res.write;
  res.end = function end(this: ServerResponse, ...args: unknown[]) {
    if (takeOver(this.statusCode)) {
      callbackOf(args)?.();
      return this;
    }
    return (original.end as (...args: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.end;
}
