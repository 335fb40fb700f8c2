// A six-digit staff verification code sent by e-mail (confirming an alternate address, and
// whatever else lib/staff-auth/verification-code.ts issues on the EMAIL channel). Sensitive:
// the outbox erases the code once sent. Console mail is English only.
import { defineEmailTemplate } from "@/lib/mail/email-template";

export interface StaffVerificationCodeParams {
  code: string;
  validMinutes: number;
  /** What the code is for, e.g. "confirm this address for your staff console account". */
  purpose: string;
}

export const staffVerificationCodeEmail = defineEmailTemplate<StaffVerificationCodeParams>({
  name: "staff-verification-code",
  sensitive: true,
  locales: ["en"],
  render(_locale, { code, validMinutes, purpose }, district) {
    return {
      subject: `${district.districtName} staff console: your verification code`,
      paragraphs: [
        `Enter this code to ${purpose}.`,
        `It works once and expires in ${validMinutes} minutes. Never share it: district staff will never ask you for it.`,
        `If you did not ask for it, someone may know your passphrase: call the help desk at ${district.supportPhone}.`,
      ],
      highlight: { label: "Your verification code", value: code },
    };
  },
});
