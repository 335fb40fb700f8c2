// Every e-mail template by name. The outbox stores only a template's name and params; the
// worker looks the template up here when it sends, so a template must be listed here to be
// queued at all (enqueueEmail checks), and renaming one strands the rows queued under the
// old name (the worker then fails them with a clear error).
import type { EmailTemplate } from "@/lib/mail/email-template";
import { accountUnlocked } from "@/lib/mail/templates/account-unlocked";
import { contactEmailChanged } from "@/lib/mail/templates/contact-email-changed";
import { forgotUsername } from "@/lib/mail/templates/forgot-username";
import { loginResetNotice } from "@/lib/mail/templates/login-reset-notice";
import { passwordChanged } from "@/lib/mail/templates/password-changed";
import { securityCode } from "@/lib/mail/templates/security-code";
import { staffAdminResetNoticeEmail } from "@/lib/mail/templates/staff-admin-reset-notice";
import { staffMfaEnrolmentCode } from "@/lib/mail/templates/staff-mfa-enrolment-code";
import { staffMfaNotice } from "@/lib/mail/templates/staff-mfa-notice";
import { staffSecurityNoticeEmail } from "@/lib/mail/templates/staff-security-notice";
import { staffSetupLinkEmail } from "@/lib/mail/templates/staff-setup-link";
import { staffVerificationCodeEmail } from "@/lib/mail/templates/staff-verification-code";
import { temporaryPasswordEmail } from "@/lib/mail/templates/temporary-password";

// Params are checked by TypeScript where a mail is queued; stored JSON is read back untyped.
const ALL: ReadonlyArray<EmailTemplate<never>> = [accountUnlocked, contactEmailChanged, forgotUsername, loginResetNotice, passwordChanged, securityCode, staffAdminResetNoticeEmail, staffMfaEnrolmentCode, staffMfaNotice, staffSetupLinkEmail, temporaryPasswordEmail];
const STAFF_SECURITY_INFO: ReadonlyArray<EmailTemplate<never>> = [staffSecurityNoticeEmail, staffVerificationCodeEmail];

export const EMAIL_TEMPLATES: ReadonlyMap<string, EmailTemplate<unknown>> = new Map(
  [...ALL, ...STAFF_SECURITY_INFO].map((template) => [template.name, template as unknown as EmailTemplate<unknown>]),
);

export function findEmailTemplate(name: string): EmailTemplate<unknown> | undefined {
  return EMAIL_TEMPLATES.get(name);
}
