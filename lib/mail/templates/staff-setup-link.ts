// Sent to a staff member whose account a site admin created or reset: a one-time link where
// they choose their own passphrase (the admin never sees it). The link is the secret, so the
// outbox erases the params once the mail is sent (sensitive). Console mail is English only.
import { defineEmailTemplate } from "@/lib/mail/email-template";
import { setupLinkUrl } from "@/lib/staff-auth/setup-link-token";

export interface StaffSetupLinkParams {
  name: string;
  token: string;
  reason: "NEW_ACCOUNT" | "RESET";
  validHours: number;
}

export const staffSetupLinkEmail = defineEmailTemplate<StaffSetupLinkParams>({
  name: "staff-setup-link",
  sensitive: true,
  locales: ["en"],
  render(_locale, { name, token, reason, validHours }, district) {
    const first =
      reason === "RESET"
        ? `Hello ${name}, a site admin reset the passphrase of your ${district.districtName} staff console account. Your previous passphrase no longer works and your open sessions were signed out.`
        : `Hello ${name}, a site admin created a ${district.districtName} staff console account for you.`;
    return {
      subject: reason === "RESET" ? "Choose a new staff console passphrase" : "Set up your staff console account",
      paragraphs: [
        first,
        `Open the link below to choose your passphrase. It works once and expires in ${validHours} hours. Nobody else, including the admin, sees the passphrase you choose.`,
        `If you did not expect this, do not open the link and call ${district.supportPhone}.`,
      ],
      action: { label: "Choose your passphrase", url: setupLinkUrl(district.portalUrl, token) },
    };
  },
});
