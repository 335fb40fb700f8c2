// Forgot Username / Forgot Password input: matching pairs, code normalization, translated keys.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  forgotUsernameSchema,
  newPasswordSchema,
  normalizeDigits,
  requestCodeSchema,
  verifyCodeSchema,
} from "@/lib/accounts/recovery/recovery-schemas";
import { localizeZodIssue, type ValidationTranslate } from "@/lib/i18n/localize-zod-issue";

// Echo the key so the test sees which Validation message a parent would read.
const t: ValidationTranslate = (key) => key;
const messages = <S extends z.ZodType>(schema: S, input: unknown) => {
  const parsed = schema.safeParse(input, { error: (issue) => localizeZodIssue(t, issue) });
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]));
};

describe("forgotUsernameSchema", () => {
  it("accepts the same address twice, ignoring case and spaces", () => {
    expect(forgotUsernameSchema.parse({ email: " Ana@Example.com ", emailConfirm: "ana@example.COM" })).toEqual({
      email: "Ana@Example.com",
      emailConfirm: "ana@example.COM",
    });
  });
  it("says which field is wrong, with Validation keys", () => {
    expect(messages(forgotUsernameSchema, { email: "ana@example.com", emailConfirm: "ann@example.com" })).toEqual({
      emailConfirm: "emailsDoNotMatch",
    });
    expect(messages(forgotUsernameSchema, { email: "not-an-address", emailConfirm: "not-an-address" })).toEqual({ email: "emailInvalid" });
    expect(messages(forgotUsernameSchema, { email: "", emailConfirm: "" })).toMatchObject({ email: "required", emailConfirm: "required" });
    expect(messages(forgotUsernameSchema, { email: 5 })).toMatchObject({ email: "invalid", emailConfirm: "required" });
  });
});

describe("requestCodeSchema", () => {
  it("trims and bounds the username", () => {
    expect(requestCodeSchema.parse({ username: "  Maria.G " })).toEqual({ username: "Maria.G" });
    expect(messages(requestCodeSchema, { username: "   " })).toEqual({ username: "required" });
    expect(messages(requestCodeSchema, { username: "x".repeat(65) })).toEqual({ username: "tooLong" });
  });
});

describe("verifyCodeSchema", () => {
  it("accepts six digits typed with spaces, dashes or Arabic-Indic digits", () => {
    expect(verifyCodeSchema.parse({ code: "123 456" })).toEqual({ code: "123456" });
    expect(verifyCodeSchema.parse({ code: "123-456" })).toEqual({ code: "123456" });
    expect(verifyCodeSchema.parse({ code: "١٢٣٤٥٦" })).toEqual({ code: "123456" });
    expect(normalizeDigits("۰۱۲۳۴۵")).toBe("012345");
  });
  it("refuses anything else", () => {
    for (const code of ["12345", "1234567", "12a456", "", "x".repeat(41)]) {
      expect(verifyCodeSchema.safeParse({ code }).success, code).toBe(false);
    }
  });
});

describe("newPasswordSchema", () => {
  it("requires the same password twice", () => {
    expect(messages(newPasswordSchema, { password: "correct horse", passwordConfirm: "correct horse" })).toEqual({});
    expect(messages(newPasswordSchema, { password: "correct horse", passwordConfirm: "correct house" })).toEqual({
      passwordConfirm: "passwordsDoNotMatch",
    });
    expect(messages(newPasswordSchema, { password: "", passwordConfirm: "" })).toMatchObject({ password: "required" });
  });
});
