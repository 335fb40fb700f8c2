// "Get back into your account", step 0: the CAPTCHA first (nothing is looked up for a visitor
// who has not solved it), then a flow for the user ID typed. Unknown, disabled, unregistered and
// blocked user IDs get a flow too, one that nothing can pass, with the same answer and, padded,
// the same time: the page never says whether an account exists or can recover.
import { prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hitRateLimits } from "@/lib/security/rate-limit";
import { withMinimumDuration } from "@/lib/accounts/recovery/minimum-duration";
import { verifySelfServiceCaptcha } from "@/lib/staff-auth/recovery/self-service-captcha";
import { createRecoveryFlow } from "@/lib/staff-auth/recovery/recovery-flow";
import { canRecover } from "@/lib/staff-auth/recovery/recovery-gates";
import { loadRecoveryProfile } from "@/lib/staff-auth/recovery/load-recovery-profile";
import { isSelfServiceBlocked } from "@/lib/staff-auth/recovery/self-service-block";
import { RECOVERY_MINIMUM_MS, recoveryStartLimits } from "@/lib/staff-auth/recovery/recovery-limits";

export type StartRecoveryOutcome =
  | { status: "started"; token: string }
  | { status: "captcha_failed" }
  | { status: "rate_limited"; retryAfterSeconds: number };

type Standing = "eligible" | "unknown" | "disabled" | "no-passphrase" | "unregistered" | "blocked";

export const recoveryUserKey = (typed: string): string => typed.trim().toLowerCase();

async function startFlow(userId: string, ip: string): Promise<StartRecoveryOutcome> {
  const limit = await hitRateLimits(recoveryStartLimits(ip));
  if (!limit.allowed) return { status: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
  const key = recoveryUserKey(userId);
  const user = await prisma.staffUser.findUnique({
    where: { email: key },
    select: { id: true, role: true, disabled: true, passwordHash: true, selfServiceBlockedUntil: true },
  });
  let standing: Standing = "unknown";
  if (user) {
    const profile = await loadRecoveryProfile(prisma, user);
    standing = user.disabled
      ? "disabled"
      : user.passwordHash === null
        ? "no-passphrase" // still waiting for a setup link: the help desk sends a new one
        : isSelfServiceBlocked(user)
          ? "blocked"
          : canRecover(profile)
            ? "eligible"
            : "unregistered";
  }
  const eligible = standing === "eligible" && user ? user.id : null;
  const { token } = await prisma.$transaction(async (tx) => {
    const flow = await createRecoveryFlow(tx, eligible);
    await recordAuditEvent(tx, {
      actor: user ? { type: "STAFF", id: user.id, label: key.slice(0, 64), ip } : { type: "ANONYMOUS", label: key.slice(0, 64), ip },
      action: "staff.self-service.start",
      details: { standing },
    });
    return flow;
  });
  return { status: "started", token };
}

/** Step 0 without the CAPTCHA (the action checks it first); exported for the timing test. */
export function startStaffRecoveryFlow(request: { userId: string; ip: string }, options: { minimumMs?: number } = {}): Promise<StartRecoveryOutcome> {
  return withMinimumDuration(options.minimumMs ?? RECOVERY_MINIMUM_MS.start, () => startFlow(request.userId, request.ip));
}

/** Step 0 as the page posts it: the CAPTCHA payload is verified (and spent) before any lookup. */
export async function beginStaffRecovery(request: { captcha: string; userId: string; ip: string }): Promise<StartRecoveryOutcome> {
  if (!(await verifySelfServiceCaptcha(request.captcha))) return { status: "captcha_failed" };
  return startStaffRecoveryFlow(request);
}
