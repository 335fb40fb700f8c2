// Input of the staff-management actions. No passphrase: a new account gets a setup link
// where the person chooses their own (lib/staff-auth).
import { z } from "zod";

export const STAFF_ROLES = ["SITE_ADMIN", "HELP_DESK"] as const;
export const STAFF_ROLE_LABELS: Record<(typeof STAFF_ROLES)[number], string> = {
  SITE_ADMIN: "Site admin",
  HELP_DESK: "Help desk",
};

const staffUserId = z.coerce.number().int().positive().max(2_147_483_647);

export const createStaffUserSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid email address.")),
  name: z.string().trim().min(1, "Enter the person's name.").max(100, "Use at most 100 characters."),
  role: z.enum(STAFF_ROLES, { error: "Choose a role." }),
});
export type CreateStaffUserInput = z.infer<typeof createStaffUserSchema>;

export const setStaffUserDisabledSchema = z.object({ staffUserId, disabled: z.boolean() });
export type SetStaffUserDisabledInput = z.infer<typeof setStaffUserDisabledSchema>;

export const changeStaffUserRoleSchema = z.object({ staffUserId, role: z.enum(STAFF_ROLES, { error: "Choose a role." }) });
export type ChangeStaffUserRoleInput = z.infer<typeof changeStaffUserRoleSchema>;

export const clearStaffSignInLockSchema = z.object({ staffUserId });
export type ClearStaffSignInLockInput = z.infer<typeof clearStaffSignInLockSchema>;

export const changeOwnPassphraseSchema = z
  .object({
    currentPassphrase: z.string().min(1, "Enter your current passphrase.").max(256, "Use at most 256 characters."),
    newPassphrase: z.string().min(1, "Enter a new passphrase.").max(256, "Use at most 256 characters."),
    confirmPassphrase: z.string().max(256, "Use at most 256 characters."),
    // Issue 9, item 4: a code from the authenticator app, the registered phone or the alternate e-mail.
    verificationMethod: z.enum(["totp", "sms", "email"], { error: "Choose how to verify it is you." }),
    verificationCode: z.string().trim().min(1, "Enter the verification code.").max(64, "That is not a verification code."),
  })
  .refine((value) => value.newPassphrase === value.confirmPassphrase, {
    path: ["confirmPassphrase"],
    message: "The two new passphrases do not match.",
  });
export type ChangeOwnPassphraseInput = z.infer<typeof changeOwnPassphraseSchema>;

export const sendPassphraseChangeCodeSchema = z.object({ method: z.enum(["sms", "email"], { error: "Choose where to send the code." }) });

const staffUserIdField = z.number({ error: "Choose a staff member." }).int().positive().max(2_147_483_647);
export const staffSecurityTargetSchema = z.object({ staffUserId: staffUserIdField });
export const removeStaffMethodSchema = z.object({ staffUserId: staffUserIdField, method: z.enum(["phone", "altEmail", "questions"], { error: "Choose a method." }) });
