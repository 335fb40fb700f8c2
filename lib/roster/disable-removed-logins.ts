// A parent login whose contact left the roster keeps working for the district's grace period
// (a partial export, a family moving between schools); after it the login is disabled: made
// RESET (password, codes, sessions and student accounts gone, as a staff reset does) and marked
// disabledAt. If the contact comes back, the parent re-registers like after any reset.
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma } from "@/lib/db";
import type { PeriodicJob } from "@/lib/ops/periodic-jobs";
import { revokeParentLogins } from "@/lib/parents/revoke-parent-logins";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export async function disableRemovedContactLogins(now = new Date()): Promise<{ disabled: number }> {
  const settings = await prisma.districtSettings.findUnique({ where: { id: 1 }, select: { rosterRemovalGraceDays: true } });
  const graceDays = settings?.rosterRemovalGraceDays ?? 30;
  const cutoff = new Date(now.getTime() - graceDays * DAY_MS);
  return prisma.$transaction(async (tx) => {
    // The contact rows are locked too: an import restoring one waits, or is seen restored here.
    const due = await tx.$queryRaw<{ id: number; contactId: number }[]>`
      SELECT pa.id, pa."contactId" FROM "ParentAccount" pa JOIN "Contact" c ON c.id = pa."contactId"
      WHERE pa."disabledAt" IS NULL AND c."removedAt" IS NOT NULL AND c."removedAt" <= ${cutoff}
      ORDER BY pa.id
      FOR UPDATE OF pa, c`;
    if (due.length === 0) return { disabled: 0 };
    const accountIds = due.map((row) => row.id);
    const { sessionsEnded, studentAccountsRemoved, appLogoutsQueued } = await revokeParentLogins(tx, accountIds, now, { disabledAt: now });
    await recordAuditEvent(tx, {
      actor: { type: "SYSTEM", label: "roster grace period" },
      action: "parent.login.disabled",
      contactIds: due.map((row) => row.contactId),
      details: { reason: "removed-from-roster", graceDays, accounts: accountIds.length, sessionsEnded, studentAccountsRemoved, appLogoutsQueued },
    });
    return { disabled: accountIds.length };
  });
}

/** Hourly in every server process (ROSTER_GRACE_INTERVAL_MS); the row locks make runs safe to overlap. */
export function removedLoginsJob(everyMs = Number(process.env.ROSTER_GRACE_INTERVAL_MS) || HOUR_MS): PeriodicJob {
  return { name: "roster-grace", everyMs, firstRunAfterMs: Math.min(everyMs, 90_000), run: () => disableRemovedContactLogins() };
}
