// The verification code that changing one's own passphrase needs besides the current
// passphrase (issue 9, item 4): a code from the authenticator app, or a 6-digit code sent to
// the registered mobile phone or alternate e-mail. A stolen passphrase on an unlocked screen
// is then not enough to lock the owner out.
import { prisma } from "@/lib/db";
import { ActionFailure } from "@/lib/actions/action-result";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { enqueueEmail } from "@/lib/mail/enqueue-email";
import { staffVerificationCodeEmail } from "@/lib/mail/templates/staff-verification-code";
import { hitRateLimit } from "@/lib/security/rate-limit";
import { enqueueSms } from "@/lib/sms/enqueue-sms";
import { assertStaffPermission, auditActorOf, type StaffActor } from "@/lib/staff/staff-actor";
import { loadStaffMfaStatus } from "@/lib/staff-auth/mfa/staff-mfa-status";
import { verifyStaffSecondFactor } from "@/lib/staff-auth/mfa/verify-second-factor";
import { loadStaffSecurityInfo } from "@/lib/staff-auth/security-info/load-staff-security-info";
import { checkStaffVerificationCode, issueStaffVerificationCode, STAFF_CODE_TTL_MINUTES } from "@/lib/staff-auth/verification-code";

export const PASSPHRASE_CHANGE_PURPOSE = "change-passphrase";

export type PassphraseChangeMethod = "totp" | "sms" | "email";

export interface PassphraseChangeMethods {
  totp: boolean;
  /** Masked phone / alternate address, when registered and confirmed. */
  phone: string | null;
  email: string | null;
}

export async function loadPassphraseChangeMethods(staffUserId: number): Promise<PassphraseChangeMethods> {
  const [mfa, info] = await Promise.all([loadStaffMfaStatus(prisma, staffUserId), loadStaffSecurityInfo(prisma, staffUserId)]);
  return { totp: mfa.totp, phone: info.phone?.masked ?? null, email: info.altEmail?.masked ?? null };
}

/** Sends a code to the registered phone or alternate e-mail (one live code, 60 s between sends, 5 an hour). */
export async function sendPassphraseChangeCode(actor: StaffActor, method: "sms" | "email"): Promise<{ sentTo: string }> {
  assertStaffPermission(actor, "account:change-own-passphrase");
  const info = await loadStaffSecurityInfo(prisma, actor.staffUserId);
  const target = method === "sms" ? info.phone && { destination: info.phone.e164, masked: info.phone.masked } : info.altEmail && { destination: info.altEmail.address, masked: info.altEmail.masked };
  if (!target) {
    throw new ActionFailure("invalid", method === "sms" ? "You have no confirmed mobile phone. Add one under Security info." : "You have no confirmed alternate e-mail. Add one under Security info.");
  }
  const limit = await hitRateLimit({ key: `staff-change-passphrase-code:${actor.staffUserId}`, limit: 5, windowSeconds: 3600 });
  if (!limit.allowed) throw new ActionFailure("rate_limited", `Too many codes. Try again in ${Math.ceil(limit.retryAfterSeconds / 60)} minutes.`);
  return prisma.$transaction(async (tx) => {
    const issued = await issueStaffVerificationCode(tx, { staffUserId: actor.staffUserId, purpose: PASSPHRASE_CHANGE_PURPOSE, channel: method === "sms" ? "SMS" : "EMAIL", destination: target.destination });
    if (!issued.ok) throw new ActionFailure("rate_limited", `A code was just sent. You can ask for a new one in ${issued.retryAfterSeconds} seconds.`);
    if (method === "sms") {
      await enqueueSms(tx, { to: target.destination, template: "staff-verification-code", params: { code: issued.code, validMinutes: STAFF_CODE_TTL_MINUTES } });
    } else {
      await enqueueEmail(tx, { to: target.destination, locale: "en", template: staffVerificationCodeEmail, params: { code: issued.code, validMinutes: STAFF_CODE_TTL_MINUTES, purpose: "change your staff console passphrase" } });
    }
    await recordAuditEvent(tx, { actor: auditActorOf(actor), action: "staff.passphrase.change-code-sent", details: { method } });
    return { sentTo: target.masked };
  });
}

/** Checks (and uses up) the code; a wrong authenticator code counts towards the second-factor cool-off. */
export async function verifyPassphraseChangeCode(actor: StaffActor, method: PassphraseChangeMethod, code: string): Promise<boolean> {
  if (method === "totp") {
    const result = await prisma.$transaction((tx) => verifyStaffSecondFactor(tx, actor.staffUserId, { kind: "totp", code }, { purpose: "change-passphrase", ip: actor.ip }));
    return result.ok;
  }
  const result = await prisma.$transaction((tx) => checkStaffVerificationCode(tx, { staffUserId: actor.staffUserId, purpose: PASSPHRASE_CHANGE_PURPOSE }, code));
  return result.ok && result.channel === (method === "sms" ? "SMS" : "EMAIL");
}
