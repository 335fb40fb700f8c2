// A site admin clears a staff member's sign-in lock and failure counts (the account-wide cap
// and every per-address throttle of that e-mail), audited with the state it replaced.
import { prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { currentLockState, sourceFailurePrefix } from "@/lib/auth/sign-in-throttle";
import { assertStaffPermission, auditActorOf, type StaffActor } from "@/lib/staff/staff-actor";
import { lockStaffUserOrThrow } from "@/lib/staff/lock-staff-user-or-throw";
import type { ClearStaffSignInLockInput } from "@/lib/staff/staff-user-schemas";

/** LIKE pattern for a literal prefix (e-mails may hold `_`, and `%` must never widen it). */
const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function clearStaffSignInLock(actor: StaffActor, input: ClearStaffSignInLockInput): Promise<{ cleared: boolean }> {
  assertStaffPermission(actor, "staff:manage");
  return prisma.$transaction(async (tx) => {
    const user = await lockStaffUserOrThrow(tx, input.staffUserId);
    const before = currentLockState(user);
    const throttles = await tx.$executeRaw`
      DELETE FROM "RateLimitBucket" WHERE "key" LIKE ${likePrefix(sourceFailurePrefix("staff", user.email))}`;
    await tx.staffUser.update({
      where: { id: user.id },
      data: { failedAttempts: 0, failureWindowStartedAt: null, lockedUntil: null },
    });
    await recordAuditEvent(tx, {
      actor: auditActorOf(actor),
      action: "staff.sign-in-lock.clear",
      details: {
        staffUserId: user.id,
        email: user.email,
        failedAttempts: before.failedAttempts,
        lockedUntil: before.lockedUntil?.toISOString() ?? null,
        addressThrottlesCleared: throttles,
      },
    });
    return { cleared: before.failedAttempts > 0 || before.lockedUntil !== null || throttles > 0 };
  });
}
