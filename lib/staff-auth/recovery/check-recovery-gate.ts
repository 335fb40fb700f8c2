// "Get back into your account", steps 1 and 2: check one proof (a code from the phone or the
// alternate e-mail, an authenticator code, a recovery code, or the security answers). A pass is
// recorded on the flow; after two that make a sufficient pair (recovery-gates.ts) the person
// may choose a new passphrase. Every failure counts towards the 24-hour block (5 failed proofs
// in 24 hours) and each check towards its method's 5 per hour. A flow that belongs to nobody
// does the same kind of work and always answers "invalid", in the same padded time.
import { prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hitRateLimits } from "@/lib/security/rate-limit";
import { verifyAgainstDummy } from "@/lib/security/password-hash";
import { withMinimumDuration } from "@/lib/accounts/recovery/minimum-duration";
import { checkStaffVerificationCode } from "@/lib/staff-auth/verification-code";
import { verifyStaffSecondFactor } from "@/lib/staff-auth/mfa/verify-second-factor";
import { verifySecurityAnswers } from "@/lib/staff-auth/security-info/verify-security-answers";
import { lockRecoveryFlow, loadRecoveryFlow } from "@/lib/staff-auth/recovery/recovery-flow";
import { isRecoveryComplete, mayUseGate, type RecoveryGate } from "@/lib/staff-auth/recovery/recovery-gates";
import { loadRecoveryProfile } from "@/lib/staff-auth/recovery/load-recovery-profile";
import { countSelfServiceUse, isSelfServiceBlocked } from "@/lib/staff-auth/recovery/self-service-block";
import { recoveryCodePurpose } from "@/lib/staff-auth/recovery/send-recovery-code";
import { failedProofLimit, methodUseLimit, RECOVERY_MINIMUM_MS, recoveryStepLimits } from "@/lib/staff-auth/recovery/recovery-limits";

export type RecoveryProof =
  | { gate: "sms" | "email" | "totp" | "recovery-code"; code: string }
  | { gate: "questions"; answers: Record<string, string> };

export type CheckGateOutcome =
  | { status: "passed"; complete: boolean }
  | { status: "invalid" }
  | { status: "expired" }
  | { status: "rate_limited"; retryAfterSeconds: number };

/** What a check for nobody costs: about what the real check of the same proof costs. */
async function dummyCheck(proof: RecoveryProof): Promise<void> {
  if (proof.gate === "questions") {
    await verifySecurityAnswers(prisma, 0, proof.answers);
  } else if (proof.gate === "recovery-code") {
    // A real check verifies every unused code of the set (up to 10 argon2id hashes).
    for (let i = 0; i < 10; i++) await verifyAgainstDummy(proof.code);
  } else {
    await prisma.staffVerificationCode.findFirst({ where: { staffUserId: 0 } });
  }
}

async function proofHolds(staffUserId: number, flowId: string, proof: RecoveryProof, ip: string): Promise<boolean> {
  switch (proof.gate) {
    case "sms":
    case "email": {
      const result = await prisma.$transaction((tx) =>
        checkStaffVerificationCode(tx, { staffUserId, purpose: recoveryCodePurpose(proof.gate as "sms" | "email"), flowId }, proof.code),
      );
      return result.ok && result.channel === (proof.gate === "sms" ? "SMS" : "EMAIL");
    }
    case "totp":
    case "recovery-code": {
      // Counted on the self-service limits only (the caller): a stranger who knows a user ID
      // must not be able to add to the owner's sign-in cool-off.
      const result = await prisma.$transaction((tx) =>
        verifyStaffSecondFactor(tx, staffUserId, { kind: proof.gate === "totp" ? "totp" : "recovery", code: proof.code }, { purpose: "recovery", ip, signInLimits: false }),
      );
      return result.ok;
    }
    case "questions":
      return verifySecurityAnswers(prisma, staffUserId, proof.answers);
  }
}

async function check(token: string, proof: RecoveryProof, ip: string): Promise<CheckGateOutcome> {
  const flow = await loadRecoveryFlow(token);
  if (!flow) return { status: "expired" };
  const limit = await hitRateLimits(recoveryStepLimits(ip));
  if (!limit.allowed) return { status: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
  if (flow.staffUserId === null) {
    await dummyCheck(proof);
    return { status: "invalid" };
  }
  const staffUserId = flow.staffUserId;
  const user = await prisma.staffUser.findUniqueOrThrow({ where: { id: staffUserId }, select: { id: true, email: true, role: true, selfServiceBlockedUntil: true } });
  const profile = await loadRecoveryProfile(prisma, user);
  const actor = { type: "STAFF" as const, id: staffUserId, label: user.email, ip };
  const gate: RecoveryGate = proof.gate;
  const step = flow.gatesPassed.length + 1;
  const fail = async (reason: string) => {
    await recordAuditEvent(prisma, { actor, action: "staff.self-service.step", details: { step, method: gate, outcome: "failed", reason } });
    return { status: "invalid" as const };
  };
  if (isSelfServiceBlocked(user) || !mayUseGate(profile, flow.gatesPassed, gate)) {
    await dummyCheck(proof);
    return fail(isSelfServiceBlocked(user) ? "blocked" : "not-allowed");
  }
  // Phone and e-mail count their sends (send-recovery-code.ts), whose codes allow 5 wrong
  // entries; the other methods count each check (Entra: 5 per method per hour).
  const countsChecks = gate !== "sms" && gate !== "email";
  if (countsChecks && !(await countSelfServiceUse(staffUserId, methodUseLimit(staffUserId, gate), "method-limit", ip))) {
    await dummyCheck(proof);
    return fail("method-limit");
  }
  if (!(await proofHolds(staffUserId, flow.id, proof, ip))) {
    await countSelfServiceUse(staffUserId, failedProofLimit(staffUserId), "failed-proofs", ip, { blockAtLimit: true });
    return fail("wrong");
  }
  const recorded = await prisma.$transaction(async (tx) => {
    const locked = await lockRecoveryFlow(tx, flow.id);
    if (!locked || !mayUseGate(profile, locked.gatesPassed, gate)) return null;
    const gatesPassed = [...locked.gatesPassed, gate];
    await tx.staffRecoveryFlow.update({ where: { id: flow.id }, data: { gatesPassed } });
    await recordAuditEvent(tx, { actor, action: "staff.self-service.step", details: { step, method: gate, outcome: "passed" } });
    return gatesPassed;
  });
  if (!recorded) return { status: "expired" };
  return { status: "passed", complete: isRecoveryComplete(profile, recorded) };
}

export function checkRecoveryGate(request: { token: string; proof: RecoveryProof; ip: string }, options: { minimumMs?: number } = {}): Promise<CheckGateOutcome> {
  return withMinimumDuration(options.minimumMs ?? RECOVERY_MINIMUM_MS.check, () => check(request.token, request.proof, request.ip));
}
