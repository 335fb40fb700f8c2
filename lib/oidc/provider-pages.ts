// The few pages oidc-provider renders itself (logout confirmation, signed out, errors), in the
// visitor's portal language (NEXT_LOCALE cookie; Arabic right to left). Every value is
// HTML-escaped; no script, no third-party font; an error page never shows the provider's
// error description (it may name a client or a redirect URI an attacker tried).
import type { KoaContextWithOIDC } from "oidc-provider";
import { directionOf, isLocale, LOCALE_COOKIE, type AppLocale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import en from "@/messages/en/AppSignIn.json";
import es from "@/messages/es/AppSignIn.json";
import vi from "@/messages/vi/AppSignIn.json";
import ar from "@/messages/ar/AppSignIn.json";

type AppSignInMessages = Messages["AppSignIn"];
const CATALOGS: Record<AppLocale, AppSignInMessages> = { en, es, vi, ar };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);
}

export function localeOfCookieHeader(cookieHeader: string | undefined): AppLocale {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, value] = part.trim().split("=");
    if (name === LOCALE_COOKIE && isLocale(value)) return value;
  }
  return "en";
}

function page(locale: AppLocale, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${locale}" dir="${directionOf(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;margin:0;padding:2rem 1rem}main{max-width:28rem;margin:0 auto;background:#fff;border:1px solid #e2e8f0;border-radius:.5rem;padding:1.5rem}h1{font-size:1.25rem;margin:0 0 1rem}button{font:inherit;padding:.5rem 1rem;margin:.25rem 0;border-radius:.375rem;border:1px solid #1d4ed8;background:#1d4ed8;color:#fff;width:100%}button.secondary{background:#fff;color:#1d4ed8}</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

function messagesFor(ctx: KoaContextWithOIDC): { locale: AppLocale; t: AppSignInMessages } {
  const locale = localeOfCookieHeader(ctx.get("cookie"));
  return { locale, t: CATALOGS[locale] };
}

/** "Sign out?": the provider's form (hidden xsrf token) and our two buttons. */
export async function renderLogoutPage(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  const { locale, t } = messagesFor(ctx);
  ctx.type = "html";
  ctx.body = page(
    locale,
    t.logoutTitle,
    `<h1>${escapeHtml(t.logoutTitle)}</h1><p>${escapeHtml(t.logoutBody)}</p>${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">${escapeHtml(t.logoutYes)}</button>
<button class="secondary" type="submit" form="op.logoutForm">${escapeHtml(t.logoutNo)}</button>`,
  );
}

export async function renderPostLogoutPage(ctx: KoaContextWithOIDC): Promise<void> {
  const { locale, t } = messagesFor(ctx);
  ctx.type = "html";
  ctx.body = page(locale, t.loggedOutTitle, `<h1>${escapeHtml(t.loggedOutTitle)}</h1><p>${escapeHtml(t.loggedOutBody)}</p>`);
}

/** The error code only (e.g. invalid_request, invalid_redirect_uri): enough for support, nothing more. */
export async function renderOidcErrorPage(ctx: KoaContextWithOIDC, out: { error: string }): Promise<void> {
  const { locale, t } = messagesFor(ctx);
  ctx.type = "html";
  ctx.body = page(
    locale,
    t.errorTitle,
    `<h1>${escapeHtml(t.errorTitle)}</h1><p>${escapeHtml(t.errorBody)}</p><p><code>${escapeHtml(String(out.error))}</code></p>`,
  );
}
