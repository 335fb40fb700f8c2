// How far behind the outboxes are, read from the database (every instance shares the queues):
// the messages waiting to be sent and the age of the oldest, for the readiness check and the
// metrics. Reads the (status, nextAttemptAt) index's PENDING entries.
import { prisma } from "@/lib/db";

export interface OutboxBacklog {
  queued: number;
  /** Age of the oldest PENDING message in seconds; 0 when none waits. */
  oldestQueuedSeconds: number;
}

export async function readOutboxBacklog(): Promise<{ mail: OutboxBacklog; sms: OutboxBacklog }> {
  // createdAt holds UTC without a time zone (Prisma's convention): compare with UTC now.
  const [row] = await prisma.$queryRaw<{ mailQueued: number; mailOldest: number | null; smsQueued: number; smsOldest: number | null }[]>`
    SELECT m.queued AS "mailQueued", m.oldest AS "mailOldest", s.queued AS "smsQueued", s.oldest AS "smsOldest"
    FROM (SELECT count(*)::int AS queued, extract(epoch FROM (now() AT TIME ZONE 'UTC') - min("createdAt"))::float8 AS oldest
          FROM "EmailOutbox" WHERE status = 'PENDING') AS m,
         (SELECT count(*)::int AS queued, extract(epoch FROM (now() AT TIME ZONE 'UTC') - min("createdAt"))::float8 AS oldest
          FROM "SmsOutbox" WHERE status = 'PENDING') AS s`;
  const seconds = (value: number | null | undefined) => Math.max(0, Math.round((value ?? 0) * 10) / 10);
  return {
    mail: { queued: row?.mailQueued ?? 0, oldestQueuedSeconds: seconds(row?.mailOldest) },
    sms: { queued: row?.smsQueued ?? 0, oldestQueuedSeconds: seconds(row?.smsOldest) },
  };
}
