// Tells a staff member that their two-step sign-in changed or was used in a way worth
// knowing (ASVS 6.3.7, NIST SP 800-63B-4 section 4.1.2.1): an authenticator or passkey
// added or removed, a recovery code used, new recovery codes, a paused second step. No secret
// in it; console mail is English only.
import { defineEmailTemplate } from "@/lib/mail/email-template";

export type StaffMfaNoticeEvent =
  | "authenticator-added"
  | "passkey-added"
  | "passkey-removed"
  | "recovery-code-used"
  | "recovery-codes-regenerated"
  | "cool-off"
  | "stopped"
  | "enrolment-locked";

export interface StaffMfaNoticeParams {
  name: string;
  event: StaffMfaNoticeEvent;
  /** Recovery codes left, for "recovery-code-used". */
  left?: number;
}

const WHAT: Record<StaffMfaNoticeEvent, string> = {
  "authenticator-added": "An authenticator app was set up for two-step sign-in to your staff console account.",
  "passkey-added": "A passkey was added to your staff console account.",
  "passkey-removed": "A passkey was removed from your staff console account.",
  "recovery-code-used": "One of your recovery codes was used to sign in to your staff console account.",
  "recovery-codes-regenerated": "New recovery codes were made for your staff console account; the old ones no longer work.",
  "cool-off": "Too many wrong sign-in codes were entered for your staff console account, so the second sign-in step is paused for a while. Whoever entered them knew your passphrase.",
  stopped: "Too many wrong sign-in codes in a row were entered for your staff console account, so the second sign-in step is stopped until you get back into your account (Forgot passphrase on the sign-in page) or a site admin clears it. Whoever entered them knew your passphrase.",
  "enrolment-locked": "Too many wrong codes were entered to set up two-step sign-in for your staff console account, so codes sent to your mailbox no longer work for 24 hours. To set it up sooner, ask a site admin for an enrolment code. Whoever entered them knew your passphrase.",
};

export const staffMfaNotice = defineEmailTemplate<StaffMfaNoticeParams>({
  name: "staff-mfa-notice",
  sensitive: false,
  locales: ["en"],
  render(_locale, { name, event, left }, district) {
    const paragraphs = [`Hello ${name},`, WHAT[event]];
    if (event === "recovery-code-used" && typeof left === "number") {
      paragraphs.push(`You have ${left} recovery code${left === 1 ? "" : "s"} left.${left <= 3 ? " Make a new set on your account page soon." : ""}`);
    }
    if (event === "cool-off" || event === "stopped" || event === "enrolment-locked") paragraphs.push("If this was not you, change your passphrase now.");
    paragraphs.push(`Not you? Contact the help desk at ${district.supportPhone} or ${district.supportEmail} right away.`);
    return {
      subject: event === "cool-off" || event === "stopped" ? "Sign-in codes paused on your staff console account" : event === "enrolment-locked" ? "Two-step sign-in setup locked on your staff console account" : "Two-step sign-in changed on your staff console account",
      paragraphs,
      action: { label: "Open your account", url: `${district.portalUrl}/console/account` },
    };
  },
});
