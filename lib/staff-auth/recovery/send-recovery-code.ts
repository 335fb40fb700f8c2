// "Get back into your account": text a code to the phone on record (after the person types the
// full number, as the seed has it) or e-mail one to the alternate address. The answer is always
// "if this method is registered, we've sent a code", in the same (padded) time, whether the flow
// belongs to nobody, the number was wrong, a limit was hit or the code went out. Sends are queued
// in the outbox, so the provider's speed never shows.
import { prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hitRateLimits } from "@/lib/security/rate-limit";
import { constantTimeEqual } from "@/lib/security/random-secret";
import { withMinimumDuration } from "@/lib/accounts/recovery/minimum-duration";
import { enqueueEmail } from "@/lib/mail/enqueue-email";
import { enqueueSms } from "@/lib/sms/enqueue-sms";
import { toE164 } from "@/lib/sms/phone-number";
import { staffVerificationCodeEmail } from "@/lib/mail/templates/staff-verification-code";
import { issueStaffVerificationCode, STAFF_CODE_TTL_MINUTES } from "@/lib/staff-auth/verification-code";
import { loadStaffSecurityInfo } from "@/lib/staff-auth/security-info/load-staff-security-info";
import { loadRecoveryFlow } from "@/lib/staff-auth/recovery/recovery-flow";
import { mayUseGate } from "@/lib/staff-auth/recovery/recovery-gates";
import { loadRecoveryProfile } from "@/lib/staff-auth/recovery/load-recovery-profile";
import { countSelfServiceUse, isSelfServiceBlocked } from "@/lib/staff-auth/recovery/self-service-block";
import { methodUseLimit, RECOVERY_MINIMUM_MS, recoveryEmailLimit, recoveryStepLimits } from "@/lib/staff-auth/recovery/recovery-limits";

export type SendRecoveryCodeRequest = { token: string; ip: string } & ({ method: "sms"; phone: string } | { method: "email" });

export type SendRecoveryCodeOutcome =
  | { status: "sent" }
  | { status: "expired" }
  | { status: "rate_limited"; retryAfterSeconds: number };

/** The code's purpose per channel: one live code each, bound to the flow. */
export const recoveryCodePurpose = (method: "sms" | "email") => `recovery-${method}`;

type NotSent = "no-account" | "blocked" | "not-allowed" | "wrong-number" | "limit" | "resend-too-soon";

async function send(request: SendRecoveryCodeRequest): Promise<SendRecoveryCodeOutcome> {
  const flow = await loadRecoveryFlow(request.token);
  if (!flow) return { status: "expired" };
  const limit = await hitRateLimits(recoveryStepLimits(request.ip));
  if (!limit.allowed) return { status: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
  const typedPhone = request.method === "sms" ? (toE164(request.phone) ?? "") : "";
  if (flow.staffUserId === null) {
    // Same reads as a real flow, so the work before the padding looks alike.
    await loadStaffSecurityInfo(prisma, 0);
    constantTimeEqual(typedPhone, "");
    return { status: "sent" };
  }
  const staffUserId = flow.staffUserId;
  const user = await prisma.staffUser.findUniqueOrThrow({ where: { id: staffUserId }, select: { id: true, email: true, name: true, role: true, selfServiceBlockedUntil: true } });
  const [info, profile] = await Promise.all([loadStaffSecurityInfo(prisma, staffUserId), loadRecoveryProfile(prisma, user)]);
  const actor = { type: "STAFF" as const, id: staffUserId, label: user.email, ip: request.ip };
  const notSent = async (reason: NotSent) => {
    await recordAuditEvent(prisma, { actor, action: "staff.self-service.code-not-sent", details: { method: request.method, reason } });
    return { status: "sent" as const };
  };
  if (isSelfServiceBlocked(user)) return notSent("blocked");
  if (!mayUseGate(profile, flow.gatesPassed, request.method)) return notSent("not-allowed");
  const numberMatches = request.method === "sms" && info.phone !== null && constantTimeEqual(typedPhone, info.phone.e164);
  // Every send or phone check counts, right number or not (Entra: 5 per method per hour).
  if (!(await countSelfServiceUse(staffUserId, methodUseLimit(staffUserId, request.method), "method-limit", request.ip))) return notSent("limit");
  if (request.method === "sms" && !numberMatches) return notSent("wrong-number");
  if (request.method === "email" && !(await countSelfServiceUse(staffUserId, recoveryEmailLimit(staffUserId), "email-limit", request.ip))) {
    return notSent("limit");
  }
  const destination = request.method === "sms" ? info.phone!.e164 : info.altEmail!.address;
  const sent = await prisma.$transaction(async (tx) => {
    const issued = await issueStaffVerificationCode(tx, {
      staffUserId,
      purpose: recoveryCodePurpose(request.method),
      flowId: flow.id,
      channel: request.method === "sms" ? "SMS" : "EMAIL",
      destination,
    });
    if (!issued.ok) return false;
    if (request.method === "sms") {
      await enqueueSms(tx, { to: destination, template: "staff-verification-code", params: { code: issued.code, validMinutes: STAFF_CODE_TTL_MINUTES } });
    } else {
      await enqueueEmail(tx, {
        to: destination,
        locale: "en",
        template: staffVerificationCodeEmail,
        params: { code: issued.code, validMinutes: STAFF_CODE_TTL_MINUTES, purpose: "get back into your staff console account" },
      });
    }
    await recordAuditEvent(tx, { actor, action: "staff.self-service.code-sent", details: { method: request.method } });
    return true;
  });
  return sent ? { status: "sent" } : notSent("resend-too-soon");
}

export function sendRecoveryCode(request: SendRecoveryCodeRequest, options: { minimumMs?: number } = {}): Promise<SendRecoveryCodeOutcome> {
  return withMinimumDuration(options.minimumMs ?? RECOVERY_MINIMUM_MS.send, () => send(request));
}
