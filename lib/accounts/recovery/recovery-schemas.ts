// Input of the Forgot Username / Forgot Password forms. Like every parent-portal schema they
// state no message text: issues are translated per request by localizeZodIssue (Validation
// namespace); custom checks name their message key in `params.key`.
import { z } from "zod";
import { SECURITY_CODE_LENGTH } from "@/lib/accounts/recovery/recovery-limits";
import { PASSWORD_MAX_LENGTH } from "@/lib/accounts/password-policy";

export const forgotUsernameSchema = z
  .object({
    // An empty field says "required", not also "invalid address".
    email: z.string().trim().min(1, { abort: true }).max(254).email(),
    emailConfirm: z.string().trim().min(1).max(254),
  })
  .refine((input) => input.email.toLowerCase() === input.emailConfirm.toLowerCase(), {
    path: ["emailConfirm"],
    params: { key: "emailsDoNotMatch" },
  });
export type ForgotUsernameInput = z.infer<typeof forgotUsernameSchema>;

export const requestCodeSchema = z.object({ username: z.string().trim().min(1).max(64) });
export type RequestCodeInput = z.infer<typeof requestCodeSchema>;

/** Arabic-Indic digits typed on Arabic keyboards count as digits; spaces and dashes are ignored. */
export function normalizeDigits(value: string): string {
  return value
    .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(/[\s-]/g, "");
}

export const verifyCodeSchema = z.object({
  code: z
    .string()
    .max(40)
    .transform(normalizeDigits)
    .pipe(z.string().regex(new RegExp(`^\\d{${SECURITY_CODE_LENGTH}}$`))),
});
export type VerifyCodeInput = z.infer<typeof verifyCodeSchema>;

// The policy itself (district minimum, common list, username) is checked by setParentPassword.
export const newPasswordSchema = z
  .object({
    password: z.string().min(1).max(PASSWORD_MAX_LENGTH * 4),
    passwordConfirm: z.string().min(1).max(PASSWORD_MAX_LENGTH * 4),
  })
  .refine((input) => input.password === input.passwordConfirm, {
    path: ["passwordConfirm"],
    params: { key: "passwordsDoNotMatch" },
  });
export type NewPasswordInput = z.infer<typeof newPasswordSchema>;

// "Keep my current password and unlock" carries nothing: the grant is in the signed cookie.
export const unlockSchema = z.object({}).strict();
export type UnlockInput = z.infer<typeof unlockSchema>;
