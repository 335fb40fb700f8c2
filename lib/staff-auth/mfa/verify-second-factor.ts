// The one check of a staff member's second factor, for the sign-in second step and for
// anything that needs a fresh second factor (account changes, passphrase recovery). Every
// check is audited; wrong answers count towards the per-account cool-off
// (second-factor-cool-off.ts), and during a cool-off nothing is checked at all. The caller must
// commit the transaction even when the answer is {ok:false}: the failure count lives in it.
// Passphrase recovery passes `signInLimits: false`: anyone who knows a user ID can start it, so
// its failures count only on the self-service limits (a 24-hour block of self-service that
// never blocks sign-in), and a paused or stopped second step does not stop the owner's way back.
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import type { Tx } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { enqueueEmail } from "@/lib/mail/enqueue-email";
import { staffMfaNotice } from "@/lib/mail/templates/staff-mfa-notice";
import { checkTotpCode } from "@/lib/staff-auth/mfa/staff-totp";
import { redeemRecoveryCode } from "@/lib/staff-auth/mfa/recovery-codes";
import { verifyPasskeyAssertion } from "@/lib/staff-auth/mfa/staff-passkeys";
import { lockSecondFactorState, recordSecondFactorFailure, recordSecondFactorSuccess } from "@/lib/staff-auth/mfa/second-factor-cool-off";

export type SecondFactorProof =
  | { kind: "totp"; code: string }
  | { kind: "recovery"; code: string }
  | { kind: "passkey"; response: AuthenticationResponseJSON; expectedChallenge: string };

export type SecondFactorResult = { ok: true; kind: SecondFactorProof["kind"] } | { ok: false; reason?: "cooling_off" };

export interface SecondFactorContext {
  /** What the check is for, in the audit trail: "sign-in", "step-up", "recovery", ... */
  purpose?: string;
  ip?: string | null;
  now?: Date;
  /** false for passphrase recovery: no cool-off check, no sign-in failure count, no reset of it. Default true. */
  signInLimits?: boolean;
}

async function proofMatches(tx: Tx, staffUserId: number, proof: SecondFactorProof, now: Date): Promise<boolean> {
  switch (proof.kind) {
    case "totp":
      return checkTotpCode(tx, staffUserId, proof.code, { now });
    case "recovery":
      return redeemRecoveryCode(tx, staffUserId, proof.code, now);
    case "passkey":
      return verifyPasskeyAssertion(tx, staffUserId, proof.response, proof.expectedChallenge, now);
    default:
      return false;
  }
}

export async function verifyStaffSecondFactor(tx: Tx, staffUserId: number, proof: SecondFactorProof, context: SecondFactorContext = {}): Promise<SecondFactorResult> {
  const now = context.now ?? new Date();
  const state = await lockSecondFactorState(tx, staffUserId, now);
  if (!state) return { ok: false };
  const staff = await tx.staffUser.findUniqueOrThrow({ where: { id: staffUserId }, select: { email: true, name: true } });
  const actor = { type: "STAFF" as const, id: staffUserId, label: staff.email, ip: context.ip ?? null };
  const details = { method: proof.kind, purpose: context.purpose ?? "sign-in" };
  const signInLimits = context.signInLimits ?? true;
  if (signInLimits && state.coolingOff) {
    await recordAuditEvent(tx, { actor, action: "staff.mfa.failure", details: { ...details, reason: state.stopped ? "stopped" : "cooling-off" } });
    return { ok: false, reason: "cooling_off" };
  }
  if (!(await proofMatches(tx, staffUserId, proof, now))) {
    await recordAuditEvent(tx, { actor, action: "staff.mfa.failure", details: { ...details, reason: "wrong" } });
    if (!signInLimits) return { ok: false };
    const outcome = await recordSecondFactorFailure(tx, staffUserId, now);
    if (outcome.kind === "cool-off") {
      await recordAuditEvent(tx, { actor, action: "staff.mfa.cool-off", details: { minutes: outcome.minutes } });
      await enqueueEmail(tx, { to: staff.email, locale: "en", template: staffMfaNotice, params: { name: staff.name, event: "cool-off" } });
    } else if (outcome.kind === "stopped") {
      await recordAuditEvent(tx, { actor, action: "staff.mfa.stopped" });
      await enqueueEmail(tx, { to: staff.email, locale: "en", template: staffMfaNotice, params: { name: staff.name, event: "stopped" } });
    }
    return { ok: false };
  }
  if (signInLimits) await recordSecondFactorSuccess(tx, staffUserId);
  await recordAuditEvent(tx, { actor, action: "staff.mfa.success", details });
  if (proof.kind === "recovery") {
    const left = await tx.staffRecoveryCode.count({ where: { staffUserId, usedAt: null } });
    await recordAuditEvent(tx, { actor, action: "staff.mfa.recovery-code-used", details: { left } });
    await enqueueEmail(tx, { to: staff.email, locale: "en", template: staffMfaNotice, params: { name: staff.name, event: "recovery-code-used", left } });
  }
  return { ok: true, kind: proof.kind };
}
