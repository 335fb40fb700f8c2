// How many rows one staff member may reset: per call (help desk: helpDeskResetCap; site
// admins: the district's bulkResetCap) and, for help desk, per rolling hour
// (helpDeskResetsPerHour). Link ids are sequential, so without these an agent could script
// the whole district through the ids path. The role is read from the database, never taken
// from the caller.
import type { Tx } from "@/lib/db";
import { prisma } from "@/lib/db";
import { hasPermission } from "@/lib/auth/permissions";
import type { StaffRole } from "@/lib/generated/prisma/enums";

/** Advisory-lock namespace (first key) of the per-agent reset budget; the second key is the staff id. */
const BUDGET_LOCK_NAMESPACE = 740_601;
const HOUR_MS = 3_600_000;

export interface ResetLimits {
  role: StaffRole;
  /** Most rows (other rows of the same parents included) one reset may cover. */
  maxRowsPerReset: number;
  /** Help desk only: most rows per rolling hour, and how many were used in the last hour. */
  perHour: { limit: number; used: number } | null;
}

export interface ResetRefusal {
  action: "parent.reset.over-cap" | "parent.reset.over-budget";
  code: "invalid" | "rate_limited";
  message: string;
  details: Record<string, unknown>;
}

type Db = Tx | typeof prisma;

/** Rows this agent's resets covered in the hour before `now` (from the audit trail, which commits with each reset). */
async function rowsResetInLastHour(db: Db, staffUserId: number, now: Date): Promise<number> {
  const [row] = await db.$queryRaw<{ rows: number }[]>`
    SELECT COALESCE(SUM(COALESCE((details->>'coveredRows')::int, jsonb_array_length(details->'linkIds'))), 0)::int AS rows
    FROM "AuditEvent"
    WHERE "actorType" = 'STAFF' AND "actorId" = ${staffUserId} AND action = 'parent.reset'
      AND at > ${new Date(now.getTime() - HOUR_MS)}`;
  return row?.rows ?? 0;
}

async function loadResetLimits(db: Db, staffUserId: number, now: Date): Promise<ResetLimits> {
  const [staff, settings] = await Promise.all([
    db.staffUser.findUniqueOrThrow({ where: { id: staffUserId }, select: { role: true } }),
    db.districtSettings.findUnique({ where: { id: 1 } }),
  ]);
  const bulkResetCap = settings?.bulkResetCap ?? 10_000;
  if (hasPermission(staff.role, "parents:bulk-reset")) return { role: staff.role, maxRowsPerReset: bulkResetCap, perHour: null };
  return {
    role: staff.role,
    maxRowsPerReset: settings?.helpDeskResetCap ?? 25,
    perHour: { limit: settings?.helpDeskResetsPerHour ?? 200, used: await rowsResetInLastHour(db, staffUserId, now) },
  };
}

/** The limits as they stand now, for the confirmation dialog (no lock: the reset checks again). */
export function describeResetLimits(staffUserId: number, now = new Date()): Promise<ResetLimits> {
  return loadResetLimits(prisma, staffUserId, now);
}

/**
 * The limits inside a reset's transaction, holding this agent's budget lock until it commits:
 * concurrent resets by one agent run one after another, each seeing the rows the previous
 * one recorded, so together they never overshoot the hourly budget.
 */
export async function lockResetLimits(tx: Tx, staffUserId: number, now = new Date()): Promise<ResetLimits> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${BUDGET_LOCK_NAMESPACE}::int, ${staffUserId}::int)`;
  return loadResetLimits(tx, staffUserId, now);
}

const count = (value: number) => value.toLocaleString("en-US");

/** Why a reset covering `rows` rows is refused, or null when it is within the limits. */
export function checkResetLimits(limits: ResetLimits, rows: number): ResetRefusal | null {
  const helpDesk = limits.perHour !== null;
  if (rows > limits.maxRowsPerReset) {
    return {
      action: "parent.reset.over-cap",
      code: "invalid",
      message: helpDesk
        ? `Help desk may reset at most ${count(limits.maxRowsPerReset)} rows at once (other rows of the same parents count). ` +
          `This reset covers ${count(rows)} rows: select fewer rows, or ask a site admin.`
        : `A reset may cover at most ${count(limits.maxRowsPerReset)} rows (district setting). This reset covers ${count(rows)} rows.`,
      details: { rows, maxRowsPerReset: limits.maxRowsPerReset, role: limits.role },
    };
  }
  if (limits.perHour && limits.perHour.used + rows > limits.perHour.limit) {
    const left = Math.max(0, limits.perHour.limit - limits.perHour.used);
    return {
      action: "parent.reset.over-budget",
      code: "rate_limited",
      message:
        `Help desk may reset at most ${count(limits.perHour.limit)} rows per hour; you have ${count(left)} left right now. ` +
        `This reset covers ${count(rows)} rows: try again later, or ask a site admin.`,
      details: { rows, perHour: limits.perHour.limit, usedLastHour: limits.perHour.used, role: limits.role },
    };
  }
  return null;
}
