// Binding a staff member's authenticator app. The passphrase alone must never be enough
// (keycloak#21837: whoever learns it could otherwise bind their own phone and keep the account):
// the person first proves they can read their district mailbox, or types a one-time code a site
// admin gave them after checking who they are. Only then is a secret drawn and shown; the app is
// bound when it returns a right code, and ten recovery codes are made at that moment.
import { prisma } from "@/lib/db";
import type { Tx } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { enqueueEmail } from "@/lib/mail/enqueue-email";
import { staffMfaEnrolmentCode } from "@/lib/mail/templates/staff-mfa-enrolment-code";
import { staffMfaNotice } from "@/lib/mail/templates/staff-mfa-notice";
import { checkStaffVerificationCode, issueStaffVerificationCode, STAFF_CODE_TTL_MINUTES } from "@/lib/staff-auth/verification-code";
import { checkTotpCode, pendingTotpSecret, startTotpEnrolment } from "@/lib/staff-auth/mfa/staff-totp";
import { replaceRecoveryCodes } from "@/lib/staff-auth/mfa/recovery-codes";
import { assertStaffPermission, auditActorOf, type StaffActor } from "@/lib/staff/staff-actor";
import { ActionFailure } from "@/lib/actions/action-result";
import { countEnrolmentSend, countEnrolmentWrongEntry, enrolmentSendsLeft, ENROLMENT_LOCK_HOURS, isMailboxEnrolmentLocked, lockEnrolmentLimits } from "@/lib/staff-auth/mfa/enrolment-code-limits";

export const ENROLMENT_CODE_PURPOSE = "enrol-authenticator";
const ISSUER = "Staff console";

/** The actor of the person's own steps. */
export interface SelfActor {
  staffUserId: number;
  email: string;
  ip: string;
  /** The session doing the steps: the pending secret belongs to it alone. */
  sessionId: string;
}

const actorOf = (self: SelfActor) => ({ type: "STAFF" as const, id: self.staffUserId, label: self.email, ip: self.ip });

export type SendEnrolmentCodeResult =
  | { ok: true }
  | { ok: false; reason: "already-bound" }
  /** The 60-second resend wait or the 5 codes per hour (enrolment-code-limits.ts). */
  | { ok: false; reason: "resend_too_soon"; retryAfterSeconds: number }
  /** Too many wrong entries: only a site admin's enrolment code works for now. */
  | { ok: false; reason: "locked" };

/** Sends a code to the person's district mailbox (their staff e-mail, never an address they type). */
export async function sendEnrolmentCodeToMailbox(self: SelfActor): Promise<SendEnrolmentCodeResult> {
  return prisma.$transaction(async (tx) => {
    if (await hasConfirmedAuthenticator(tx, self.staffUserId)) return { ok: false, reason: "already-bound" } as const;
    await lockEnrolmentLimits(tx, self.staffUserId);
    if (await isMailboxEnrolmentLocked(tx, self.staffUserId)) return { ok: false, reason: "locked" } as const;
    const sends = await enrolmentSendsLeft(tx, self.staffUserId);
    if (!sends.allowed) return { ok: false, reason: "resend_too_soon", retryAfterSeconds: sends.retryAfterSeconds } as const;
    const staff = await tx.staffUser.findUniqueOrThrow({ where: { id: self.staffUserId } });
    const issued = await issueStaffVerificationCode(tx, { staffUserId: staff.id, purpose: ENROLMENT_CODE_PURPOSE, channel: "EMAIL", destination: staff.email });
    if (!issued.ok) return { ok: false, reason: "resend_too_soon", retryAfterSeconds: issued.retryAfterSeconds } as const;
    // Counted only for a code really sent, so a refused resend does not use up the hour.
    await countEnrolmentSend(tx, staff.id);
    await enqueueEmail(tx, { to: staff.email, locale: "en", template: staffMfaEnrolmentCode, params: { name: staff.name, code: issued.code, validMinutes: STAFF_CODE_TTL_MINUTES } });
    await recordAuditEvent(tx, { actor: actorOf(self), action: "staff.mfa.enrolment-code.send", details: { channel: "EMAIL" } });
    return { ok: true } as const;
  });
}

/**
 * A site admin makes a one-time enrolment code for someone who cannot read their mailbox
 * (shown to the admin once, to pass on after checking the person's identity). It replaces any
 * live mailbox code and has the same rules: 10 minutes, single use, 5 wrong entries.
 */
export async function issueEnrolmentCodeByAdmin(admin: StaffActor, staffUserId: number): Promise<{ code: string; validMinutes: number }> {
  assertStaffPermission(admin, "staff:manage");
  if (admin.staffUserId === staffUserId) throw new ActionFailure("forbidden", "Ask another site admin for your own enrolment code.");
  return prisma.$transaction(async (tx) => {
    const staff = await tx.staffUser.findUnique({ where: { id: staffUserId } });
    if (!staff || staff.disabled) throw new ActionFailure("invalid", "This staff account does not exist or is disabled.");
    const issued = await issueStaffVerificationCode(tx, { staffUserId, purpose: ENROLMENT_CODE_PURPOSE, channel: "EMAIL", destination: admin.email });
    if (!issued.ok) throw new ActionFailure("rate_limited", `A code was made less than a minute ago. Try again in ${issued.retryAfterSeconds} seconds.`);
    await recordAuditEvent(tx, { actor: auditActorOf(admin), action: "staff.mfa.enrolment-code.issue", details: { staffUserId, staffEmail: staff.email } });
    return { code: issued.code, validMinutes: STAFF_CODE_TTL_MINUTES };
  });
}

async function hasConfirmedAuthenticator(tx: Tx, staffUserId: number): Promise<boolean> {
  return (await tx.staffTotp.count({ where: { staffUserId, confirmedAt: { not: null } } })) > 0;
}

/**
 * The mailbox or admin code: right, and the secret to show; wrong (one of 5 entries of the
 * code, and one of 10 per 24 hours of the person). While the mailbox route is locked only an
 * admin's code is accepted; the answer stays "invalid" either way.
 */
export async function unlockAuthenticatorEnrolment(self: SelfActor, typedCode: string): Promise<{ ok: true } | { ok: false; reason: "invalid" | "already-bound" }> {
  return prisma.$transaction(async (tx) => {
    if (await hasConfirmedAuthenticator(tx, self.staffUserId)) return { ok: false, reason: "already-bound" } as const;
    await lockEnrolmentLimits(tx, self.staffUserId);
    const staff = await tx.staffUser.findUniqueOrThrow({ where: { id: self.staffUserId } });
    const locked = await isMailboxEnrolmentLocked(tx, self.staffUserId);
    const check = await checkStaffVerificationCode(tx, { staffUserId: self.staffUserId, purpose: ENROLMENT_CODE_PURPOSE }, typedCode);
    const viaMailbox = check.ok && check.destination === staff.email;
    if (!check.ok || (locked && viaMailbox)) {
      await recordAuditEvent(tx, { actor: actorOf(self), action: "staff.mfa.enrolment-code.failed" });
      if (await countEnrolmentWrongEntry(tx, self.staffUserId)) await lockMailboxEnrolment(tx, self, staff);
      return { ok: false, reason: "invalid" } as const;
    }
    // The pending secret is drawn only now: its existence is the proof the code was right.
    await startTotpEnrolment(tx, self.staffUserId, self.sessionId, self.email, ISSUER);
    await recordAuditEvent(tx, { actor: actorOf(self), action: "staff.mfa.enrolment-code.accepted", details: { via: viaMailbox ? "mailbox" : "site-admin" } });
    return { ok: true } as const;
  });
}

/** Voids the live mailbox code (an admin's code stays), audits the lock and tells the person. */
async function lockMailboxEnrolment(tx: Tx, self: SelfActor, staff: { id: number; email: string; name: string }): Promise<void> {
  await tx.staffVerificationCode.updateMany({
    where: { staffUserId: staff.id, purpose: ENROLMENT_CODE_PURPOSE, destination: staff.email, consumedAt: null },
    data: { consumedAt: new Date() },
  });
  await recordAuditEvent(tx, { actor: actorOf(self), action: "staff.mfa.enrolment.locked", details: { hours: ENROLMENT_LOCK_HOURS } });
  await enqueueEmail(tx, { to: staff.email, locale: "en", template: staffMfaNotice, params: { name: staff.name, event: "enrolment-locked" } });
}

/** The pending authenticator's secret and otpauth URI, once this session's enrolment code was accepted. */
export async function pendingAuthenticator(self: Omit<SelfActor, "ip">): Promise<{ secret: string; uri: string } | null> {
  return prisma.$transaction((tx) => pendingTotpSecret(tx, self.staffUserId, self.sessionId, self.email, ISSUER));
}

/** Binds the pending authenticator when `typedTotp` is right; returns the ten recovery codes, shown once. */
export async function confirmAuthenticator(self: SelfActor, typedTotp: string): Promise<{ ok: true; recoveryCodes: string[] } | { ok: false }> {
  return prisma.$transaction(async (tx) => {
    if (!(await checkTotpCode(tx, self.staffUserId, typedTotp, { pendingSessionId: self.sessionId }))) return { ok: false } as const;
    const staff = await tx.staffUser.findUniqueOrThrow({ where: { id: self.staffUserId } });
    const recoveryCodes = await replaceRecoveryCodes(tx, self.staffUserId);
    await recordAuditEvent(tx, { actor: actorOf(self), action: "staff.mfa.enrol", details: { method: "totp", recoveryCodes: recoveryCodes.length } });
    await enqueueEmail(tx, { to: staff.email, locale: "en", template: staffMfaNotice, params: { name: staff.name, event: "authenticator-added" } });
    return { ok: true, recoveryCodes } as const;
  });
}
