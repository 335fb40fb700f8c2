// Tells every other site admin that a site admin reset their own passphrase through "Get back
// into your account" (Entra's "notify all admins when other admins reset their passwords"): a
// takeover of the most powerful accounts should not go unseen. Console mail is English only.
import { defineEmailTemplate } from "@/lib/mail/email-template";

export interface StaffAdminResetNoticeParams {
  /** The site admin receiving this notice. */
  name: string;
  adminName: string;
  adminEmail: string;
}

export const staffAdminResetNoticeEmail = defineEmailTemplate<StaffAdminResetNoticeParams>({
  name: "staff-admin-reset-notice",
  sensitive: false,
  locales: ["en"],
  render(_locale, { name, adminName, adminEmail }, district) {
    return {
      subject: `${district.districtName} staff console: a site admin reset their passphrase`,
      paragraphs: [
        `Hello ${name},`,
        `${adminName} (${adminEmail}), a site admin of the ${district.districtName} staff console, reset their passphrase through "Get back into your account". Their sessions were signed out.`,
        `If you do not expect this, contact ${adminName} by phone or in person, and check the audit trail for "staff.self-service" events.`,
      ],
      action: { label: "Open the audit trail", url: `${district.portalUrl}/console/audit` },
    };
  },
});
