// Turns a template into one multilingual mail: the recipient's language first, then the
// other three (as the district's own mails do), in plain text and in simple inline-styled
// HTML that mail clients render without external assets.
import { directionOf, LOCALE_NAMES, LOCALES, type AppLocale } from "@/lib/i18n/locales";
import { localizedPortalName } from "@/lib/i18n/localized-portal-name";
import type { DistrictMailInfo, EmailTemplate, LocalizedEmail } from "@/lib/mail/email-template";

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
}

/** The recipient's language, then the others in the fixed order en, es, vi, ar. */
export function localeOrder(first: AppLocale): AppLocale[] {
  return [first, ...LOCALES.filter((locale) => locale !== first)];
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Only absolute http(s) links become buttons; anything else is shown as text. */
function safeHttpUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.toString() : null;
  } catch {
    return null;
  }
}

// Subjects become a single header line: no line breaks from a template or a parameter.
function singleLine(value: string): string {
  return value.replace(/[\r\n]+/g, " ").trim();
}

function textSection(locale: AppLocale, mail: LocalizedEmail): string {
  const lines = [`${LOCALE_NAMES[locale]}:`, ""];
  for (const paragraph of mail.paragraphs) lines.push(paragraph, "");
  if (mail.highlight) lines.push(`${mail.highlight.label}: ${mail.highlight.value}`, "");
  if (mail.action) lines.push(`${mail.action.label}: ${mail.action.url}`, "");
  return lines.join("\n").trimEnd();
}

const FONT = "font-family:Arial,Helvetica,sans-serif;";

function htmlSection(locale: AppLocale, mail: LocalizedEmail, isFirst: boolean): string {
  const dir = directionOf(locale);
  const parts: string[] = [];
  const border = isFirst ? "" : "border-top:1px solid #e2e8f0;";
  parts.push(`<div lang="${locale}" dir="${dir}" style="${border}padding:20px 24px;text-align:start;${FONT}color:#1e293b;">`);
  parts.push(`<h2 style="margin:0 0 12px;font-size:16px;color:#334155;">${escapeHtml(LOCALE_NAMES[locale])}</h2>`);
  for (const paragraph of mail.paragraphs) {
    parts.push(`<p style="margin:0 0 12px;font-size:15px;line-height:1.5;">${escapeHtml(paragraph)}</p>`);
  }
  if (mail.highlight) {
    parts.push(
      `<p style="margin:0 0 12px;font-size:14px;color:#475569;">${escapeHtml(mail.highlight.label)}</p>`,
      // Codes and usernames read left to right even inside Arabic text.
      `<p dir="ltr" style="margin:0 0 16px;font-size:24px;font-weight:bold;letter-spacing:2px;font-family:Consolas,Menlo,monospace;unicode-bidi:isolate;">${escapeHtml(mail.highlight.value)}</p>`,
    );
  }
  if (mail.action) {
    const href = safeHttpUrl(mail.action.url);
    if (href) {
      parts.push(
        `<p style="margin:0 0 12px;"><a href="${escapeHtml(href)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-size:15px;">${escapeHtml(mail.action.label)}</a></p>`,
        `<p dir="ltr" style="margin:0 0 12px;font-size:13px;color:#64748b;word-break:break-all;unicode-bidi:isolate;">${escapeHtml(href)}</p>`,
      );
    } else {
      parts.push(`<p style="margin:0 0 12px;font-size:15px;">${escapeHtml(mail.action.label)}: ${escapeHtml(mail.action.url)}</p>`);
    }
  }
  parts.push("</div>");
  return parts.join("");
}

function districtFooter(district: DistrictMailInfo): string[] {
  return [district.districtName, [district.supportPhone, district.supportEmail].filter(Boolean).join(" · ")].filter(Boolean);
}

/** The languages a template is written in, the recipient's first when it is one of them. */
function languagesOf(template: { locales?: readonly AppLocale[] }, locale: AppLocale): AppLocale[] {
  const available: readonly AppLocale[] = template.locales?.length ? template.locales : LOCALES;
  const first = available.includes(locale) ? locale : available[0]!;
  return localeOrder(first).filter((each) => available.includes(each));
}

/** Renders every language of the template (see EmailTemplate.locales) and assembles subject, text and HTML. */
export function composeEmail<Params>(
  template: EmailTemplate<Params>,
  locale: AppLocale,
  params: Params,
  district: DistrictMailInfo,
): ComposedEmail {
  const order = languagesOf(template, locale);
  // Each language's section names the portal as the pages in that language do.
  const rendered = order.map((each) => ({
    locale: each,
    mail: template.render(each, params, { ...district, portalName: localizedPortalName(each, district.portalName) }),
  }));
  const first = rendered[0]!;
  const footer = districtFooter(district);

  const text = [...rendered.map(({ locale: each, mail }) => textSection(each, mail)), footer.join("\n")].join("\n\n----\n\n") + "\n";

  const html = [
    "<!DOCTYPE html>",
    `<html lang="${first.locale}" dir="${directionOf(first.locale)}"><head><meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(singleLine(first.mail.subject))}</title></head>`,
    `<body style="margin:0;padding:24px 12px;background:#f1f5f9;">`,
    `<div style="max-width:600px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px;">`,
    `<div dir="ltr" style="padding:16px 24px;background:#1e3a8a;color:#ffffff;border-radius:8px 8px 0 0;${FONT}font-size:16px;font-weight:bold;">${escapeHtml(district.districtName)}</div>`,
    ...rendered.map(({ locale: each, mail }, index) => htmlSection(each, mail, index === 0)),
    `<div dir="ltr" style="padding:16px 24px;border-top:1px solid #e2e8f0;${FONT}font-size:12px;color:#64748b;">`,
    footer.map(escapeHtml).join("<br>"),
    "</div></div></body></html>",
  ].join("\n");

  return { subject: singleLine(first.mail.subject), text, html };
}
