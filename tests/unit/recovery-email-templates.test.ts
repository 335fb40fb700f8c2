// The security-code and forgot-username mails: every language, the recipient's first.
import { describe, expect, it } from "vitest";
import { composeEmail } from "@/lib/mail/compose-email";
import { securityCode } from "@/lib/mail/templates/security-code";
import { forgotUsername } from "@/lib/mail/templates/forgot-username";
import { LOCALES } from "@/lib/i18n/locales";

const district = {
  districtName: "Riverside USD",
  portalName: "Parent Portal",
  supportPhone: "720-423-3163",
  supportEmail: "help@riverside.example.org",
  portalUrl: "https://portal.example.org",
};

describe("security-code mail", () => {
  it("is sensitive and carries the code and the support phone in all four languages", () => {
    expect(securityCode.sensitive).toBe(true);
    for (const locale of LOCALES) {
      const mail = securityCode.render(locale, { code: "093417", validMinutes: 15 }, district);
      expect(mail.highlight?.value).toBe("093417");
      expect(mail.paragraphs.join(" ")).toContain("720-423-3163");
      expect(mail.paragraphs.join(" ")).toContain("15");
    }
  });

  it("puts the recipient's language first (Vietnamese subject, then the others)", () => {
    const composed = composeEmail(securityCode, "vi", { code: "093417", validMinutes: 15 }, district);
    expect(composed.subject).toContain("Đặt lại mật khẩu");
    const order = ["Tiếng Việt:", "English:", "Español:", "العربية:"].map((heading) => composed.text.indexOf(heading));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(composed.html).toContain('dir="rtl"');
  });
});

describe("forgot-username mail", () => {
  it("lists every username and links to sign-in", () => {
    for (const locale of LOCALES) {
      const mail = forgotUsername.render(locale, { usernames: ["maria.g", "mgarcia2"] }, district);
      expect(mail.highlight?.value).toBe("maria.g, mgarcia2");
      expect(mail.action?.url).toBe("https://portal.example.org/sign-in");
    }
    expect(forgotUsername.render("en", { usernames: ["a"] }, district).subject).toBe("Your Parent Portal username");
    expect(forgotUsername.render("en", { usernames: ["a", "b"] }, district).subject).toBe("Your Parent Portal usernames");
  });
});
