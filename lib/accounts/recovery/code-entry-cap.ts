// The per-account cap on wrong security codes (item 2 of issue 7): the per-code limit (5 tries)
// and the per-address limits do not stop an attacker who requests codes again and again from
// many addresses. Each entry against a live code takes one try from the account's daily budget
// before the code is checked; at the cap the live code is superseded and no new code is issued
// for CODE_ISSUING_BLOCK_HOURS. Both counters are rate-limit buckets, so they are shared by
// every app instance and purged like the others.
import { prisma } from "@/lib/db";
import { giveBackRateLimitHit, hitRateLimit } from "@/lib/security/rate-limit";
import { ACCOUNT_WRONG_CODES_PER_DAY, CODE_ISSUING_BLOCK_HOURS } from "@/lib/accounts/recovery/recovery-limits";

const DAY_SECONDS = 24 * 60 * 60;
const entryKey = (accountId: number) => `reset-verify:account:${accountId}`;
const blockKey = (accountId: number) => `reset-code:blocked:account:${accountId}`;

/** Takes one entry from the account's budget; false when the budget is spent (do not check the code). */
export async function reserveCodeEntry(accountId: number): Promise<boolean> {
  const result = await hitRateLimit({ key: entryKey(accountId), limit: ACCOUNT_WRONG_CODES_PER_DAY, windowSeconds: DAY_SECONDS });
  return result.allowed;
}

/** The entry was the right code: it is not a wrong one. */
export async function releaseCodeEntry(accountId: number): Promise<void> {
  await giveBackRateLimitHit(entryKey(accountId));
}

/**
 * The entry was wrong. When it spent the budget, every live code dies and code issuing stops
 * for CODE_ISSUING_BLOCK_HOURS (starting now). Returns whether this entry reached the cap.
 */
export async function recordWrongCodeEntry(accountId: number): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ count: number }[]>`
    SELECT "count" FROM "RateLimitBucket" WHERE "key" = ${entryKey(accountId)}`;
  if ((rows[0]?.count ?? 0) < ACCOUNT_WRONG_CODES_PER_DAY) return false;
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "RateLimitBucket" ("key", "windowStart", "count", "expiresAt")
      VALUES (${blockKey(accountId)}, now() AT TIME ZONE 'UTC', 1, (now() AT TIME ZONE 'UTC') + make_interval(hours => ${CODE_ISSUING_BLOCK_HOURS}))
      ON CONFLICT ("key") DO UPDATE SET "windowStart" = EXCLUDED."windowStart", "count" = 1, "expiresAt" = EXCLUDED."expiresAt"`;
    await tx.passwordResetCode.updateMany({
      where: { parentAccountId: accountId, usedAt: null, supersededAt: null },
      data: { supersededAt: new Date() },
    });
  });
  return true;
}

/** Whether new codes for the account are stopped (the cap was reached in the last 24 hours). */
export async function isCodeIssuingBlocked(accountId: number): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ blocked: boolean }[]>`
    SELECT "windowStart" > (now() AT TIME ZONE 'UTC') - make_interval(hours => ${CODE_ISSUING_BLOCK_HOURS}) AS "blocked"
    FROM "RateLimitBucket" WHERE "key" = ${blockKey(accountId)}`;
  return rows[0]?.blocked ?? false;
}
