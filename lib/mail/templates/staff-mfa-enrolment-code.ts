// The code that lets a staff member bind their first authenticator app, sent to their district
// mailbox: the passphrase alone must never be enough to bind a second factor (an attacker who
// learned it would otherwise own the account for good). Sensitive: erased once sent.
import { defineEmailTemplate } from "@/lib/mail/email-template";

export interface StaffMfaEnrolmentCodeParams {
  name: string;
  code: string;
  validMinutes: number;
}

export const staffMfaEnrolmentCode = defineEmailTemplate<StaffMfaEnrolmentCodeParams>({
  name: "staff-mfa-enrolment-code",
  sensitive: true,
  locales: ["en"],
  render(_locale, { name, code, validMinutes }, district) {
    return {
      subject: "Your code to set up two-step sign-in",
      paragraphs: [
        `Hello ${name}, enter this code on the staff console page "Set up two-step sign-in". It works once and expires in ${validMinutes} minutes.`,
        `If you are not setting up two-step sign-in right now, someone knows your passphrase: do not share the code, and contact the help desk at ${district.supportPhone}.`,
      ],
      highlight: { label: "Code", value: code },
    };
  },
});
