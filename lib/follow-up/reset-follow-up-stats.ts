// The console home's figures for the last 30 days: resets and completed re-registrations
// per day, the share re-registered within 7 days, the median time to re-register, what is
// pending, and how the outbox is doing. Each query reads an index on the column it filters
// (resetAt, reregisteredAt, the pending partial index, EmailOutbox(status, nextAttemptAt)).
import { prisma } from "@/lib/db";

export const STATS_DAYS = 30;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

export interface DayCount {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  resets: number;
  reregistered: number;
}

export interface ResetFollowUpStats {
  days: DayCount[];
  /** Resets made 7 to 30 days ago (their week is over) and how many were re-registered within 7 days. */
  withinWeek: { reregistered: number; of: number };
  /** Of re-registrations completed in the window; null when there were none. */
  medianHoursToReregister: number | null;
  pending: number;
  mail: { queued: number; retrying: number; failed: number };
}

function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export async function resetFollowUpStats(now = new Date()): Promise<ResetFollowUpStats> {
  const firstDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (STATS_DAYS - 1) * DAY_MS);
  const weekAgo = new Date(now.getTime() - WEEK_MS);
  const [resets, completed, week, median, pending, mail] = await Promise.all([
    prisma.$queryRaw<{ day: Date; count: number }[]>`
      SELECT date_trunc('day', "resetAt") AS day, count(*)::int AS count FROM "ParentLoginReset"
      WHERE "resetAt" >= ${firstDay} GROUP BY 1`,
    prisma.$queryRaw<{ day: Date; count: number }[]>`
      SELECT date_trunc('day', "reregisteredAt") AS day, count(*)::int AS count FROM "ParentLoginReset"
      WHERE "reregisteredAt" >= ${firstDay} GROUP BY 1`,
    prisma.$queryRaw<{ reregistered: number; of: number }[]>`
      SELECT count(*) FILTER (WHERE "reregisteredAt" <= "resetAt" + interval '7 days')::int AS reregistered, count(*)::int AS of
      FROM "ParentLoginReset" WHERE "resetAt" >= ${firstDay} AND "resetAt" <= ${weekAgo}`,
    prisma.$queryRaw<{ hours: number | null }[]>`
      SELECT (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "reregisteredAt" - "resetAt")) / 3600)::float8 AS hours
      FROM "ParentLoginReset" WHERE "reregisteredAt" >= ${firstDay}`,
    prisma.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM "ParentLoginReset" r
      JOIN "ParentAccount" a ON a.id = r."accountId" JOIN "Contact" c ON c.id = r."contactId"
      WHERE r."reregisteredAt" IS NULL AND a.status = 'RESET' AND a."disabledAt" IS NULL AND c."removedAt" IS NULL`,
    prisma.$queryRaw<{ queued: number; retrying: number; failed: number }[]>`
      SELECT
        (SELECT count(*)::int FROM "EmailOutbox" WHERE status = 'PENDING') AS queued,
        (SELECT count(*)::int FROM "EmailOutbox" WHERE status = 'PENDING' AND attempts > 0) AS retrying,
        (SELECT count(*)::int FROM "EmailOutbox" WHERE status = 'FAILED' AND "createdAt" >= ${firstDay}) AS failed`,
  ]);
  const resetsByDay = new Map(resets.map((row) => [utcDay(row.day), row.count]));
  const completedByDay = new Map(completed.map((row) => [utcDay(row.day), row.count]));
  const days = Array.from({ length: STATS_DAYS }, (_, index) => {
    const day = utcDay(new Date(firstDay.getTime() + index * DAY_MS));
    return { day, resets: resetsByDay.get(day) ?? 0, reregistered: completedByDay.get(day) ?? 0 };
  });
  return {
    days,
    withinWeek: week[0] ?? { reregistered: 0, of: 0 },
    medianHoursToReregister: median[0]?.hours ?? null,
    pending: pending[0]?.count ?? 0,
    mail: mail[0] ?? { queued: 0, retrying: 0, failed: 0 },
  };
}
