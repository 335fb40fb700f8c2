// The 24-hour block of "Get back into your account" (Entra: "Blocked from self-service password
// reset"). It stops self-service only: normal sign-in with the passphrase keeps working, so an
// attacker who burns someone's attempts cannot lock them out of the console, and a site admin
// can clear it from the Staff page.
import { prisma, type Tx } from "@/lib/db";
import { recordAuditEvent, type Actor } from "@/lib/audit/record-audit-event";
import { clearRateLimit, hitRateLimit, type RateLimitRule } from "@/lib/security/rate-limit";
import { personalCounterKeys, SELF_SERVICE_BLOCK_HOURS, type SelfServiceBlockReason } from "@/lib/staff-auth/recovery/recovery-limits";

export function isSelfServiceBlocked(user: { selfServiceBlockedUntil: Date | null }, now = new Date()): boolean {
  return user.selfServiceBlockedUntil !== null && user.selfServiceBlockedUntil > now;
}

/** Starts (or keeps) the block and audits it. */
export async function blockSelfService(db: Tx | typeof prisma, staffUserId: number, reason: SelfServiceBlockReason, ip: string | null, now = new Date()): Promise<void> {
  const until = new Date(now.getTime() + SELF_SERVICE_BLOCK_HOURS * 3_600_000);
  const user = await db.staffUser.update({
    where: { id: staffUserId },
    data: { selfServiceBlockedUntil: until, selfServiceBlockReason: reason },
    select: { email: true },
  });
  await recordAuditEvent(db, {
    actor: { type: "STAFF", id: staffUserId, label: user.email, ip },
    action: "staff.self-service.blocked",
    details: { reason, hours: SELF_SERVICE_BLOCK_HOURS },
  });
}

/**
 * Counts one use against `rule`; over it (or, with `blockAtLimit`, on reaching it) the person's
 * self-service is blocked. Returns whether this use may go ahead.
 */
export async function countSelfServiceUse(
  staffUserId: number,
  rule: RateLimitRule,
  reason: SelfServiceBlockReason,
  ip: string | null,
  options: { blockAtLimit?: boolean } = {},
): Promise<boolean> {
  const result = await hitRateLimit(rule);
  const over = options.blockAtLimit ? result.count >= rule.limit : !result.allowed;
  if (over) await blockSelfService(prisma, staffUserId, reason, ip);
  return !over;
}

/** Clears the block and every counter behind it (successful reset, or a site admin). */
export async function clearSelfServiceCounters(staffUserId: number): Promise<void> {
  await Promise.all(personalCounterKeys(staffUserId).map(clearRateLimit));
}

/** A site admin lifts the block (audited by the caller's transaction). */
export async function clearSelfServiceBlock(tx: Tx, staffUserId: number, actor: Actor): Promise<boolean> {
  const user = await tx.staffUser.findUniqueOrThrow({ where: { id: staffUserId }, select: { selfServiceBlockedUntil: true, email: true } });
  await tx.staffUser.update({ where: { id: staffUserId }, data: { selfServiceBlockedUntil: null, selfServiceBlockReason: null } });
  await recordAuditEvent(tx, { actor, action: "staff.self-service.block-cleared", details: { staffUserId, email: user.email, wasBlocked: user.selfServiceBlockedUntil !== null } });
  return user.selfServiceBlockedUntil !== null;
}
