// Input of the staff setup-link flows: the set-passphrase form and the admin's "send setup link".
import { z } from "zod";
import { PASSWORD_MAX_LENGTH } from "@/lib/accounts/password-policy-limits";

const staffUserId = z.coerce.number().int().positive().max(2_147_483_647);

export const setStaffPassphraseSchema = z.object({
  token: z.string().min(1, "This link is incomplete. Open the link from your e-mail again.").max(200),
  passphrase: z.string().min(1, "Choose a passphrase.").max(PASSWORD_MAX_LENGTH * 4, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
  confirmation: z.string().max(PASSWORD_MAX_LENGTH * 4),
});
export type SetStaffPassphraseInput = z.infer<typeof setStaffPassphraseSchema>;

export const sendStaffSetupLinkSchema = z.object({ staffUserId });
export type SendStaffSetupLinkInput = z.infer<typeof sendStaffSetupLinkSchema>;

export const createSiteAdminSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid email address.")),
  name: z.string().trim().min(1, "Enter the person's name.").max(100, "Use at most 100 characters."),
});
export type CreateSiteAdminInput = z.infer<typeof createSiteAdminSchema>;
