// The usage report of staff self-service (issue 9, item 7): per week, passphrases reset
// through "Get back into your account", failed verification steps and self-service blocks,
// read from the audit trail (kept for the district's audit retention). Staff events are few
// (one per step), so they are counted here rather than in SQL.
import { prisma } from "@/lib/db";

export interface SelfServiceWeek {
  /** Monday of the week (UTC), YYYY-MM-DD. */
  week: string;
  resets: number;
  failures: number;
  blocks: number;
}

const DAY = 86_400_000;

function mondayOf(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY).toISOString().slice(0, 10);
}

/** The last `weeks` weeks, newest first, including weeks with nothing in them. */
export async function selfServiceUsageReport(weeks = 8, now = new Date()): Promise<SelfServiceWeek[]> {
  const report = new Map<string, SelfServiceWeek>();
  for (let i = 0; i < weeks; i++) {
    const week = mondayOf(new Date(now.getTime() - i * 7 * DAY));
    report.set(week, { week, resets: 0, failures: 0, blocks: 0 });
  }
  const oldest = [...report.keys()].at(-1)!;
  const events = await prisma.auditEvent.findMany({
    where: { at: { gte: new Date(`${oldest}T00:00:00Z`) }, action: { in: ["staff.self-service.reset", "staff.self-service.step", "staff.self-service.blocked"] } },
    select: { action: true, at: true, details: true },
  });
  for (const event of events) {
    const row = report.get(mondayOf(event.at));
    if (!row) continue;
    if (event.action === "staff.self-service.reset") row.resets++;
    else if (event.action === "staff.self-service.blocked") row.blocks++;
    else if ((event.details as { outcome?: string } | null)?.outcome === "failed") row.failures++;
  }
  return [...report.values()];
}
