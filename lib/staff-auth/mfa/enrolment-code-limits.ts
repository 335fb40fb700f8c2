// Limits on the mailbox code that unlocks binding a first authenticator. Whoever knows the
// passphrase reaches this step, so without them a guesser could loop "send a new code, try it
// 5 times" (the code's own limits) about 7,200 times a day and bind their own app within weeks.
// Per person, whatever the source address: 5 mailbox codes per hour, and 10 wrong entries in
// 24 hours (across codes) lock the mailbox route for 24 hours. While it is locked only a code a
// site admin made (after checking who the person is) unlocks enrolment. The counters live in
// the shared rate-limit table, counted inside the caller's transaction.
import type { Tx } from "@/lib/db";
import { hitRateLimit } from "@/lib/security/rate-limit";

export const ENROLMENT_SENDS_PER_HOUR = 5;
export const ENROLMENT_MAX_WRONG_PER_DAY = 10;
export const ENROLMENT_LOCK_HOURS = 24;
const DAY_SECONDS = 24 * 60 * 60;

const sendKey = (staffUserId: number) => `staff-mfa-enrol-send:${staffUserId}`;
const wrongKey = (staffUserId: number) => `staff-mfa-enrol-wrong:${staffUserId}`;
const lockKey = (staffUserId: number) => `staff-mfa-enrol-lock:${staffUserId}`;

/** Serializes the limits of one person (send, check and lock read-then-write the counters). */
export async function lockEnrolmentLimits(tx: Tx, staffUserId: number): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`staff-mfa-enrol:${staffUserId}`}, 0))`;
}

/** Whether the mailbox route is locked for the person now. */
export async function isMailboxEnrolmentLocked(tx: Tx, staffUserId: number): Promise<boolean> {
  const rows = await tx.$queryRaw<{ locked: boolean }[]>`
    SELECT true AS locked FROM "RateLimitBucket"
    WHERE "key" = ${lockKey(staffUserId)} AND "expiresAt" > (now() AT TIME ZONE 'UTC')`;
  return rows.length > 0;
}

/** Whether another mailbox code may be sent within the 5 per hour (nothing counted). */
export async function enrolmentSendsLeft(tx: Tx, staffUserId: number): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const rows = await tx.$queryRaw<{ count: number; retryAfterSeconds: number }[]>`
    SELECT "count", CEIL(EXTRACT(EPOCH FROM ("expiresAt" - (now() AT TIME ZONE 'UTC'))))::int AS "retryAfterSeconds"
    FROM "RateLimitBucket" WHERE "key" = ${sendKey(staffUserId)} AND "expiresAt" > (now() AT TIME ZONE 'UTC')`;
  const row = rows[0];
  if (!row || row.count < ENROLMENT_SENDS_PER_HOUR) return { allowed: true, retryAfterSeconds: 0 };
  return { allowed: false, retryAfterSeconds: Math.max(1, row.retryAfterSeconds) };
}

/** Counts one mailbox code sent (call after enrolmentSendsLeft allowed it, under lockEnrolmentLimits). */
export async function countEnrolmentSend(tx: Tx, staffUserId: number): Promise<void> {
  await hitRateLimit({ key: sendKey(staffUserId), limit: ENROLMENT_SENDS_PER_HOUR, windowSeconds: 60 * 60 }, tx);
}

/** Counts one wrong entry; true when this one locked the mailbox route (it was not locked yet). */
export async function countEnrolmentWrongEntry(tx: Tx, staffUserId: number): Promise<boolean> {
  const hit = await hitRateLimit({ key: wrongKey(staffUserId), limit: ENROLMENT_MAX_WRONG_PER_DAY - 1, windowSeconds: DAY_SECONDS }, tx);
  if (hit.allowed || (await isMailboxEnrolmentLocked(tx, staffUserId))) return false;
  // A fresh 24-hour lock from now (the dead row of an earlier lock is replaced).
  await tx.$executeRaw`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count", "expiresAt")
    VALUES (${lockKey(staffUserId)}, now() AT TIME ZONE 'UTC', 1, (now() AT TIME ZONE 'UTC') + make_interval(hours => ${ENROLMENT_LOCK_HOURS}))
    ON CONFLICT ("key") DO UPDATE SET "windowStart" = EXCLUDED."windowStart", "count" = 1, "expiresAt" = EXCLUDED."expiresAt"`;
  await tx.rateLimitBucket.deleteMany({ where: { key: wrongKey(staffUserId) } });
  return true;
}
