import { describe, expect, it } from "vitest";
import { composeEmail, escapeHtml, localeOrder } from "@/lib/mail/compose-email";
import { defineEmailTemplate, type DistrictMailInfo } from "@/lib/mail/email-template";

const district: DistrictMailInfo = {
  districtName: "Riverside <Unified> & Co",
  portalName: "Parent Portal",
  supportPhone: "555-0100",
  supportEmail: "help@riverside.example.org",
  portalUrl: "https://portal.example.org",
};

const words = {
  en: { subject: "Your code", body: "Hello", label: "Security code", action: "Open the portal" },
  es: { subject: "Su código", body: "Hola", label: "Código de seguridad", action: "Abrir el portal" },
  vi: { subject: "Mã của quý vị", body: "Xin chào", label: "Mã bảo mật", action: "Mở cổng thông tin" },
  ar: { subject: "رمزك", body: "مرحبا", label: "رمز الأمان", action: "افتح البوابة" },
} as const;

const template = defineEmailTemplate<{ name: string; code: string; url?: string }>({
  name: "test-code",
  sensitive: true,
  render(locale, params, info) {
    const w = words[locale];
    return {
      subject: w.subject,
      paragraphs: [`${w.body} ${params.name}`, `${info.districtName} ${info.supportPhone}`],
      highlight: { label: w.label, value: params.code },
      action: { label: w.action, url: params.url ?? `${info.portalUrl}/sign-in` },
    };
  },
});

describe("localeOrder", () => {
  it("puts the recipient's language first, then the others in en, es, vi, ar order", () => {
    expect(localeOrder("en")).toEqual(["en", "es", "vi", "ar"]);
    expect(localeOrder("vi")).toEqual(["vi", "en", "es", "ar"]);
    expect(localeOrder("ar")).toEqual(["ar", "en", "es", "vi"]);
  });
});

describe("composeEmail", () => {
  it("writes the subject in the recipient's language and every language in order in text and HTML", () => {
    const mail = composeEmail(template, "es", { name: "Ana", code: "123456" }, district);
    expect(mail.subject).toBe("Su código");
    const headings = ["Español:", "English:", "Tiếng Việt:", "العربية:"].map((h) => mail.text.indexOf(h));
    expect(headings.every((index) => index >= 0)).toBe(true);
    expect([...headings].sort((a, b) => a - b)).toEqual(headings);
    expect(mail.text).toContain("Código de seguridad: 123456");
    expect(mail.text).toContain("Abrir el portal: https://portal.example.org/sign-in");

    const sections = [...mail.html.matchAll(/<div lang="(\w+)" dir="(\w+)"/g)].map((m) => [m[1], m[2]]);
    expect(sections).toEqual([["es", "ltr"], ["en", "ltr"], ["vi", "ltr"], ["ar", "rtl"]]);
    expect(mail.html).toMatch(/^<!DOCTYPE html>\n<html lang="es" dir="ltr">/);
  });

  it("marks the Arabic section right-to-left with text-align start and keeps the code left-to-right", () => {
    const mail = composeEmail(template, "ar", { name: "Omar", code: "987654" }, district);
    expect(mail.subject).toBe("رمزك");
    expect(mail.html).toMatch(/<html lang="ar" dir="rtl">/);
    const arabic = /<div lang="ar" dir="rtl" style="([^"]*)">([\s\S]*?)<\/div>/.exec(mail.html);
    expect(arabic?.[1]).toContain("text-align:start");
    expect(arabic?.[2]).toContain("العربية");
    expect(arabic?.[2]).toMatch(/<p dir="ltr"[^>]*>987654<\/p>/);
    expect(mail.text.startsWith("العربية:")).toBe(true);
  });

  it("escapes markup from parameters and district values in HTML, and keeps text plain", () => {
    const mail = composeEmail(template, "en", { name: `<script>alert("x")</script>`, code: "<b>1</b>" }, district);
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<b>1</b>");
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(mail.html).toContain("Riverside &lt;Unified&gt; &amp; Co");
    expect(mail.text).toContain(`Hello <script>alert("x")</script>`);
  });

  it("turns only http(s) URLs into links", () => {
    const safe = composeEmail(template, "en", { name: "A", code: "1", url: "https://portal.example.org/a?b=1&c=2" }, district);
    expect(safe.html).toContain('href="https://portal.example.org/a?b=1&amp;c=2"');
    const hostile = composeEmail(template, "en", { name: "A", code: "1", url: "javascript:alert(1)" }, district);
    expect(hostile.html).not.toContain("href=");
  });

  it("never lets a line break into the subject header", () => {
    const multiline = defineEmailTemplate<null>({
      name: "x",
      sensitive: false,
      render: () => ({ subject: "Hi\r\nBcc: victim@example.org", paragraphs: [] }),
    });
    expect(composeEmail(multiline, "en", null, district).subject).toBe("Hi Bcc: victim@example.org");
  });

  it("names the portal in each section as the pages in that language do; a district's own name stays as it is", async () => {
    const { passwordChanged } = await import("@/lib/mail/templates/password-changed");
    const params = { username: "ana.l" };
    const mail = composeEmail(passwordChanged, "es", params, district);
    expect(mail.subject).toBe("Se cambió su contraseña del Portal para Padres");
    const section = (lang: string) => new RegExp(`<div lang="${lang}"[^>]*>([\\s\\S]*?)</div>`).exec(mail.html)?.[1] ?? "";
    expect(section("vi")).toContain("Cổng Thông tin Phụ huynh");
    expect(section("ar")).toContain("بوابة أولياء الأمور");
    expect(section("en")).toContain("Parent Portal");
    expect(mail.text).not.toMatch(/Español:[\s\S]*Parent Portal[\s\S]*English:/);

    const branded = composeEmail(passwordChanged, "vi", params, { ...district, portalName: "ParentVUE" });
    expect(branded.subject).toBe("Mật khẩu ParentVUE của quý vị đã được thay đổi");
    expect(branded.text).not.toContain("Cổng Thông tin Phụ huynh");
  });

  it("escapes all five HTML-significant characters", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });
});

describe("devMailHtmlResponse", () => {
  it("sends captured HTML untouched, with the restriction in headers the HTML cannot undo", async () => {
    const { devMailHtmlResponse } = await import("@/lib/mail/dev-mail-html-response");
    const html = `<header><meta http-equiv="Content-Security-Policy" content="img-src *"></header><img src="http://example.org/x.png">`;
    const response = devMailHtmlResponse(html);
    await expect(response.text()).resolves.toBe(html);
    const csp = response.headers.get("Content-Security-Policy") ?? "";
    expect(csp.split("; ")).toEqual(expect.arrayContaining(["default-src 'none'", "img-src data:", "style-src 'unsafe-inline'", "sandbox"]));
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
  });
});
