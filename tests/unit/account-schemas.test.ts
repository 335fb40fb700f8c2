// The portal's schemas report issues through the Validation namespace, so every message a
// parent sees is translated: checked here with the real catalogs, in English and Arabic.
import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { loadMessages } from "@/lib/i18n/messages";
import { localizeZodIssue, type ValidationTranslate } from "@/lib/i18n/localize-zod-issue";
import { fieldErrorsOf } from "@/lib/actions/safe-action";
import { changePasswordSchema, registerParentSchema } from "@/lib/accounts/account-schemas";
import type { AppLocale } from "@/lib/i18n/locales";

async function translatorFor(locale: AppLocale): Promise<ValidationTranslate> {
  const messages = await loadMessages(locale);
  return createTranslator({ locale, messages, namespace: "Validation" }) as unknown as ValidationTranslate;
}

describe("registerParentSchema", () => {
  it("accepts a valid form and trims it", () => {
    const parsed = registerParentSchema.parse({ username: " maria.g ", studentIds: [" 123456 "], firstName: " María ", lastName: "García" });
    expect(parsed).toEqual({ username: "maria.g", studentIds: ["123456"], firstName: "María", lastName: "García" });
  });

  it("reports translated field errors", async () => {
    for (const [locale, expected] of [
      ["en", { username: "Use 4 to 32", firstName: "This field is required.", student: "only digits and letters" }],
      ["ar", { username: "استخدم من 4 إلى 32", firstName: "هذا الحقل مطلوب.", student: "الأرقام والأحرف فقط" }],
    ] as const) {
      const t = await translatorFor(locale);
      const result = registerParentSchema.safeParse(
        { username: "ab", studentIds: ["12 34"], firstName: "   ", lastName: "x".repeat(101) },
        { error: (issue) => localizeZodIssue(t, issue) },
      );
      expect(result.success).toBe(false);
      const errors = fieldErrorsOf(result.error!);
      expect(errors.username?.[0]).toContain(expected.username);
      expect(errors.firstName).toEqual([expected.firstName]);
      expect(errors["studentIds.0"]?.[0]).toContain(expected.student);
      expect(errors.lastName?.[0]).toMatch(/100/);
    }
  });

  it("refuses a missing or over-long list of student IDs and non-string input", async () => {
    const t = await translatorFor("es");
    const options = { error: (issue: Parameters<typeof localizeZodIssue>[1]) => localizeZodIssue(t, issue) };
    const none = registerParentSchema.safeParse({ username: "maria", studentIds: [], firstName: "A", lastName: "B" }, options);
    expect(none.success).toBe(false);
    const tooMany = registerParentSchema.safeParse({ username: "maria", studentIds: Array(11).fill("1"), firstName: "A", lastName: "B" }, options);
    expect(tooMany.success).toBe(false);
    const garbage = registerParentSchema.safeParse({ username: 42, studentIds: "x" }, options);
    expect(fieldErrorsOf(garbage.error!).username).toEqual(["Este valor no es válido."]);
    expect(fieldErrorsOf(garbage.error!).firstName).toEqual(["Este campo es obligatorio."]);
  });
});

describe("changePasswordSchema", () => {
  it("says so in the parent's language when the two passwords differ", async () => {
    const t = await translatorFor("vi");
    const result = changePasswordSchema.safeParse(
      { newPassword: "river maple 42", confirmPassword: "river maple 43" },
      { error: (issue) => localizeZodIssue(t, issue) },
    );
    expect(fieldErrorsOf(result.error!).confirmPassword).toEqual(["Hai mật khẩu không khớp nhau."]);
  });
});

describe("empty required fields", () => {
  it("report only that they are required", async () => {
    const t = await translatorFor("en");
    const result = registerParentSchema.safeParse(
      { username: " ", studentIds: [""], firstName: "", lastName: "" },
      { error: (issue) => localizeZodIssue(t, issue) },
    );
    const errors = fieldErrorsOf(result.error!);
    expect(errors.username).toEqual(["This field is required."]);
    expect(errors["studentIds.0"]).toEqual(["This field is required."]);
  });
});
