// Tells a staff member that their security info or sign-in details changed, through a channel
// other than the one changed (NIST SP 800-63B-4 section 4.1.2.1, ASVS 6.3.7), with the
// "not you?" line. Console mail is English only.
import { defineEmailTemplate } from "@/lib/mail/email-template";

export interface StaffSecurityNoticeParams {
  name: string;
  /** One sentence saying what changed, e.g. "Your mobile phone +1 ••• ••• ••23 was added ...". */
  what: string;
}

export const staffSecurityNoticeEmail = defineEmailTemplate<StaffSecurityNoticeParams>({
  name: "staff-security-notice",
  sensitive: false,
  locales: ["en"],
  render(_locale, { name, what }, district) {
    return {
      subject: `${district.districtName} staff console: your security info changed`,
      paragraphs: [
        `Hello ${name},`,
        what,
        `If this was you, there is nothing to do. If it was not you, call the help desk at ${district.supportPhone} right away: someone may know your passphrase.`,
      ],
      action: { label: "Review your security info", url: `${district.portalUrl}/console/setup/security-info` },
    };
  },
});
