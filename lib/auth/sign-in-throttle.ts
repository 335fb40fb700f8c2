// Sign-in throttling shared by the staff console and the parent portal, built so that an
// attacker cannot lock the owner out (OWASP ASVS 6.3, NIST SP 800-63B-4 section 3.2.2):
//  1. Per (name typed, source address): 10 wrong passwords per 15 minutes and a daily limit
//     well below the account cap (staff 20, parents 10), so no single source can reach the
//     cap and lock the owner out; it takes five sources at once. A try is reserved before the
//     hash check (parallel guesses cannot overshoot) and given back when the password is
//     right. Another address is not affected, so the owner still gets in. An IPv6 source
//     counts as its /64, which one subscriber usually holds whole.
//  2. Per account, across every address: at most `cap` wrong passwords per 24-hour window
//     (staff 100, NIST's ceiling; parents 50). Reaching it sets lockedUntil to the end of the
//     window; until then only a browser holding a valid device cookie for that account
//     (lib/auth/device-cookie.ts) may still try, limited per device and for all devices of the
//     account together. When the lock or
//     the window ends the counter starts again from zero. A right password does not refill
//     the budget, so the cap holds however the attacker spreads the tries.
import { prisma, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { clearRateLimit, hitRateLimits, type RateLimitRule } from "@/lib/security/rate-limit";
import { throttleSource } from "@/lib/security/throttle-source";

export type SignInScope = "staff" | "parent" | "student";

export interface AccountThrottlePolicy {
  table: "StaffUser" | "ParentAccount";
  /** Wrong passwords per account per window, across all sources. */
  cap: number;
}

export const FAILURE_WINDOW_HOURS = 24;
export const PER_SOURCE_FAILURES = { limit: 10, windowSeconds: 15 * 60 } as const;
/** Per (name, source) per day: a fifth of the account cap, so one source never reaches it. */
export const PER_SOURCE_DAILY_FAILURES: Record<SignInScope, { limit: number; windowSeconds: number }> = {
  staff: { limit: 20, windowSeconds: FAILURE_WINDOW_HOURS * 60 * 60 },
  parent: { limit: 10, windowSeconds: FAILURE_WINDOW_HOURS * 60 * 60 },
  student: { limit: 10, windowSeconds: FAILURE_WINDOW_HOURS * 60 * 60 },
};
/** A trusted device may keep trying while the account is capped, but not forever. */
export const PER_DEVICE_FAILURES = { limit: 10, windowSeconds: FAILURE_WINDOW_HOURS * 60 * 60 } as const;
/** All trusted devices of one account together, past the cap: cookies do not multiply guesses. */
export const PER_ACCOUNT_DEVICE_FAILURES = { limit: 20, windowSeconds: FAILURE_WINDOW_HOURS * 60 * 60 } as const;

export const STAFF_THROTTLE: AccountThrottlePolicy = { table: "StaffUser", cap: 100 };
// Parents: half NIST's ceiling. Their passwords are shorter than staff passphrases and they
// have self-service ways back in (Forgot Password, help-desk reset) that staff lack.
export const PARENT_THROTTLE: AccountThrottlePolicy = { table: "ParentAccount", cap: 50 };

/** The rate-limit key prefix of the per-source failures for one typed name. */
export function sourceFailurePrefix(scope: SignInScope, nameKey: string): string {
  return `${scope}-sign-in:fail:${nameKey}:`;
}

/** LIKE pattern for every per-source failure counter of one typed name (`%` and `_` literal). */
function sourceFailurePattern(scope: SignInScope, nameKey: string): string {
  return `${sourceFailurePrefix(scope, nameKey).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** True when some source is throttled for this name right now (its next wrong password would be refused). */
export async function isNameThrottled(scope: SignInScope, nameKey: string, db: Tx = prisma): Promise<boolean> {
  const threshold = Math.min(PER_SOURCE_FAILURES.limit, PER_SOURCE_DAILY_FAILURES[scope].limit);
  const rows = await db.$queryRaw<unknown[]>`
    SELECT 1 FROM "RateLimitBucket"
    WHERE "key" LIKE ${sourceFailurePattern(scope, nameKey)} AND "count" >= ${threshold}
      AND "expiresAt" > (now() AT TIME ZONE 'UTC')
    LIMIT 1`;
  return rows.length > 0;
}

/** Forgets every source's failures for this name (the owner proved who they are); returns how many counters went. */
export async function clearSourceFailures(scope: SignInScope, nameKey: string, db: Tx = prisma): Promise<number> {
  return db.$executeRaw`DELETE FROM "RateLimitBucket" WHERE "key" LIKE ${sourceFailurePattern(scope, nameKey)}`;
}

/**
 * Forgets one source's failures for this name: the owner, back in from that address with a
 * security code, keeps the password. Other addresses keep theirs: if someone else was guessing,
 * an unlock must not hand them a fresh allowance against the same password.
 */
export async function clearSourceFailuresOf(scope: SignInScope, nameKey: string, ip: string, db: Tx = prisma): Promise<number> {
  const keys = sourceRules(scope, nameKey, ip).map((rule) => rule.key);
  return db.$executeRaw`DELETE FROM "RateLimitBucket" WHERE "key" = ANY(${keys})`;
}

function sourceRules(scope: SignInScope, nameKey: string, ip: string): RateLimitRule[] {
  const source = throttleSource(ip);
  return [
    { key: `${sourceFailurePrefix(scope, nameKey)}${source}`, ...PER_SOURCE_FAILURES },
    { key: `${sourceFailurePrefix(scope, nameKey)}day:${source}`, ...PER_SOURCE_DAILY_FAILURES[scope] },
  ];
}

/** Reserves one failure for (name, source); false when that source is throttled. */
export async function reserveSourceFailure(scope: SignInScope, nameKey: string, ip: string): Promise<boolean> {
  return (await hitRateLimits(sourceRules(scope, nameKey, ip))).allowed;
}

/** A right password from this source: its failures are forgiven. */
export async function forgiveSourceFailures(scope: SignInScope, nameKey: string, ip: string): Promise<void> {
  for (const rule of sourceRules(scope, nameKey, ip)) await clearRateLimit(rule.key);
}

const deviceKey = (scope: SignInScope, deviceId: string) => `${scope}-sign-in:device:${deviceId}`;

/** Reserves one failure for a trusted device that tries while the account is capped. */
export async function reserveDeviceFailure(scope: SignInScope, deviceId: string, accountId: number): Promise<boolean> {
  const result = await hitRateLimits([
    { key: deviceKey(scope, deviceId), ...PER_DEVICE_FAILURES },
    { key: `${scope}-sign-in:devices-of:${accountId}`, ...PER_ACCOUNT_DEVICE_FAILURES },
  ]);
  return result.allowed;
}

/** A right password from a trusted device: its failures are forgiven. */
export async function forgiveDeviceFailures(scope: SignInScope, deviceId: string): Promise<void> {
  await clearRateLimit(deviceKey(scope, deviceId));
}

export type AccountReservation = { reserved: true; capped: boolean } | { reserved: false };

// Timestamps are timestamp(3) holding UTC (Prisma's convention): compare with UTC now.
const NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;
const WINDOW = Prisma.sql`make_interval(hours => ${FAILURE_WINDOW_HOURS})`;

/**
 * Takes one try from the account's budget in one atomic UPDATE. A window that expired, or a
 * lock that ended, starts again from zero. Without a trusted device nothing is taken once the
 * budget is spent (reserved: false); `capped` tells a trusted device that it is past the cap.
 */
export async function reserveAccountFailure(policy: AccountThrottlePolicy, id: number, trustedDevice: boolean): Promise<AccountReservation> {
  const table = Prisma.raw(`"${policy.table}"`);
  const windowEnded = Prisma.sql`("failureWindowStartedAt" IS NULL OR "failureWindowStartedAt" <= ${NOW} - ${WINDOW}
    OR ("lockedUntil" IS NOT NULL AND "lockedUntil" <= ${NOW}))`;
  const rows = await prisma.$queryRaw<{ failedAttempts: number }[]>`
    UPDATE ${table} SET
      "failedAttempts" = CASE WHEN ${windowEnded} THEN 1 ELSE "failedAttempts" + 1 END,
      "failureWindowStartedAt" = CASE WHEN ${windowEnded} THEN ${NOW} ELSE "failureWindowStartedAt" END,
      "lockedUntil" = CASE WHEN ${windowEnded} THEN NULL ELSE "lockedUntil" END
    WHERE "id" = ${id} AND (${windowEnded} OR "failedAttempts" < ${policy.cap} OR ${trustedDevice})
    RETURNING "failedAttempts"`;
  const row = rows[0];
  return row ? { reserved: true, capped: row.failedAttempts > policy.cap } : { reserved: false };
}

/** The reserved try was a wrong password: at the cap, lock untrusted browsers out until the window ends. */
export async function confirmAccountFailure(policy: AccountThrottlePolicy, id: number): Promise<boolean> {
  const table = Prisma.raw(`"${policy.table}"`);
  const locked = await prisma.$executeRaw`
    UPDATE ${table} SET "lockedUntil" = "failureWindowStartedAt" + ${WINDOW}
    WHERE "id" = ${id} AND "failedAttempts" >= ${policy.cap} AND "lockedUntil" IS NULL`;
  return locked > 0;
}

/** The reserved try was not a wrong password (right, or refused for another reason): give it back. */
export async function releaseAccountFailure(policy: AccountThrottlePolicy, id: number): Promise<void> {
  const table = Prisma.raw(`"${policy.table}"`);
  await prisma.$executeRaw`UPDATE ${table} SET "failedAttempts" = GREATEST("failedAttempts" - 1, 0) WHERE "id" = ${id}`;
}

export interface AccountLockState {
  failedAttempts: number;
  lockedUntil: Date | null;
}

/** What the account's counters mean now (a finished window or lock counts as zero). */
export function currentLockState(
  row: { failedAttempts: number; failureWindowStartedAt: Date | null; lockedUntil: Date | null },
  now = Date.now(),
): AccountLockState {
  const windowLive = row.failureWindowStartedAt !== null && row.failureWindowStartedAt.getTime() > now - FAILURE_WINDOW_HOURS * 3_600_000;
  const lockLive = row.lockedUntil !== null && row.lockedUntil.getTime() > now;
  if (!windowLive || (row.lockedUntil !== null && !lockLive)) return { failedAttempts: 0, lockedUntil: null };
  return { failedAttempts: row.failedAttempts, lockedUntil: lockLive ? row.lockedUntil : null };
}
