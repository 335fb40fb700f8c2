// Fixed-window counters in PostgreSQL, so that every app instance shares the limits.
import { prisma } from "@/lib/db";
import type { Tx } from "@/lib/db";
import { metrics } from "@/lib/ops/metrics";

export interface RateLimitRule {
  /** Namespaced key, e.g. "register:ip:203.0.113.9". */
  key: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

// The second part of a key that names what is counted ("register:ip:...", "reset-code:user:...").
const KEY_KINDS = new Set(["ip", "student-ip", "student", "account", "user", "email", "fail", "device", "devices-of", "captcha", "start", "step", "method", "failed", "blocked"]);

/**
 * The name of a key's limit for the metrics: its namespace and, from a fixed list, the kind of
 * thing counted. Never what follows (a typed name, an address, an id).
 */
export function rateLimitName(key: string): string {
  const [namespace = "", kind = ""] = key.split(":");
  const name = /^[a-z][a-z-]*$/.test(namespace) ? namespace : "other";
  return KEY_KINDS.has(kind) ? `${name}:${kind}` : name;
}

// Prisma stores DateTime as UTC in "timestamp without time zone": compare against UTC
// "now" so the windows are right whatever the database server's TimeZone is.
/**
 * Counts one hit against the rule and says whether it is still within the limit. Pass a
 * transaction to count the hit together with the state change it guards.
 */
export async function hitRateLimit(rule: RateLimitRule, db: Tx = prisma): Promise<RateLimitResult> {
  const rows = await db.$queryRaw<{ count: number; windowStart: Date }[]>`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count", "expiresAt")
    VALUES (${rule.key}, now() AT TIME ZONE 'UTC', 1, (now() AT TIME ZONE 'UTC') + make_interval(secs => ${rule.windowSeconds}))
    ON CONFLICT ("key") DO UPDATE SET
      "windowStart" = CASE WHEN "RateLimitBucket"."windowStart" <= (now() AT TIME ZONE 'UTC') - make_interval(secs => ${rule.windowSeconds})
                           THEN now() AT TIME ZONE 'UTC' ELSE "RateLimitBucket"."windowStart" END,
      "count" = CASE WHEN "RateLimitBucket"."windowStart" <= (now() AT TIME ZONE 'UTC') - make_interval(secs => ${rule.windowSeconds})
                     THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
      -- The window's end, so the retention job can tell a dead row without knowing the rule.
      "expiresAt" = CASE WHEN "RateLimitBucket"."windowStart" <= (now() AT TIME ZONE 'UTC') - make_interval(secs => ${rule.windowSeconds})
                         THEN now() AT TIME ZONE 'UTC' ELSE "RateLimitBucket"."windowStart" END + make_interval(secs => ${rule.windowSeconds})
    RETURNING "count", "windowStart"`;
  const row = rows[0]!;
  if (row.count > rule.limit) metrics.rateLimitHits.inc({ limit: rateLimitName(rule.key) });
  const windowEnds = row.windowStart.getTime() + rule.windowSeconds * 1000;
  return {
    allowed: row.count <= rule.limit,
    count: row.count,
    retryAfterSeconds: Math.max(1, Math.ceil((windowEnds - Date.now()) / 1000)),
  };
}

/** Hits every rule (all are counted) and reports the most restrictive outcome. */
export async function hitRateLimits(rules: RateLimitRule[]): Promise<RateLimitResult> {
  const results = await Promise.all(rules.map((rule) => hitRateLimit(rule)));
  const blocked = results.filter((result) => !result.allowed);
  if (blocked.length === 0) return { allowed: true, count: 0, retryAfterSeconds: 0 };
  return { allowed: false, count: 0, retryAfterSeconds: Math.max(...blocked.map((r) => r.retryAfterSeconds)) };
}

/** Clears a key, e.g. the failed-sign-in counter after a successful sign-in. */
export async function clearRateLimit(key: string): Promise<void> {
  await prisma.rateLimitBucket.deleteMany({ where: { key } });
}

/** Gives one hit back, e.g. a sign-in that turned out right is no attempt to limit. */
export async function giveBackRateLimitHit(key: string): Promise<void> {
  await prisma.$executeRaw`UPDATE "RateLimitBucket" SET "count" = GREATEST("count" - 1, 0) WHERE "key" = ${key}`;
}
