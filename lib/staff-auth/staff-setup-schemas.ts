// Input of the staff setup-link flows: the set-passphrase form and the admin's "send setup link".
import { z } from "zod";
import { STAFF_PASSPHRASE_MAX_LENGTH } from "@/lib/staff-auth/staff-passphrase-policy";

const staffUserId = z.coerce.number().int().positive().max(2_147_483_647);

export const setStaffPassphraseSchema = z.object({
  token: z.string().min(1, "This link is incomplete. Open the link from your e-mail again.").max(200),
  // UTF-16 units here (an emoji is two); the policy counts characters and says the exact limit.
  passphrase: z.string().min(1, "Choose a passphrase.").max(STAFF_PASSPHRASE_MAX_LENGTH * 2, `Use at most ${STAFF_PASSPHRASE_MAX_LENGTH} characters.`),
  confirmation: z.string().max(STAFF_PASSPHRASE_MAX_LENGTH * 2),
});
export type SetStaffPassphraseInput = z.infer<typeof setStaffPassphraseSchema>;

export const sendStaffSetupLinkSchema = z.object({ staffUserId });
export type SendStaffSetupLinkInput = z.infer<typeof sendStaffSetupLinkSchema>;

export const createSiteAdminSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid email address.")),
  name: z.string().trim().min(1, "Enter the person's name.").max(100, "Use at most 100 characters."),
});
export type CreateSiteAdminInput = z.infer<typeof createSiteAdminSchema>;
