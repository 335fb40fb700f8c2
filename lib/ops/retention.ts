// The retention job: deletes what the district no longer needs and erases what strangers
// typed into failed attempts, on the district's schedule (DistrictSettings):
//   - sessions, security codes and staff setup links, expiredRecordRetentionDays after they
//     expired;
//   - rate-limit rows whose window has ended (they no longer limit anything);
//   - mail captured by the built-in dev receiver, 24 hours after it arrived;
//   - names, student IDs, usernames and e-mail addresses typed into failed attempts (kept in
//     audit events and so in the CSV export), failedAttemptDataRetentionDays after the event;
//   - audit events, auditRetentionDays after they happened.
// One instance runs it at a time (a transaction-level advisory lock: nothing to release if a
// process dies), and each run is recorded as a "retention.run" audit event with its counts.
// Times are compared with values Prisma wrote (UTC), as parameters, like everywhere else.
import { prisma, type Tx } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";

/** Advisory-lock keys of the job (namespace, job). */
const LOCK_KEYS = [740_602, 1] as const;
const DAY_MS = 86_400_000;
/** Captured dev mail may hold temporary passwords and codes: it never outlives a day. */
export const DEV_MAIL_RETENTION_MS = DAY_MS;
export const DEFAULT_RETENTION = { expiredRecordRetentionDays: 7, failedAttemptDataRetentionDays: 90, auditRetentionDays: 730 };

/** Detail keys that hold what a person typed (never what the system decided). */
export const TYPED_DETAIL_KEYS = ["username", "studentIds", "studentId", "firstName", "lastName", "email", "typedEmail"];

export interface RetentionCounts {
  sessionsDeleted: number;
  resetCodesDeleted: number;
  staffSetupLinksDeleted: number;
  /** "Get back into your account" flows and spent CAPTCHA solutions past their expiry. */
  staffRecoveryRowsDeleted: number;
  rateLimitRowsDeleted: number;
  devMailDeleted: number;
  failedAttemptEventsErased: number;
  auditEventsDeleted: number;
}

export type RetentionRun =
  | { status: "done"; counts: RetentionCounts }
  /** Another instance holds the lock, or ran the job less than `minIntervalMs` ago. */
  | { status: "skipped"; reason: "locked" | "recent" };

export interface RetentionOptions {
  now?: Date;
  /** Skip when a run was recorded less than this long ago (every instance schedules the job). */
  minIntervalMs?: number;
}

async function recentRunExists(tx: Tx, since: Date): Promise<boolean> {
  const recent = await tx.auditEvent.findFirst({ where: { action: "retention.run", at: { gt: since } }, select: { id: true } });
  return recent !== null;
}

/**
 * Failed attempts are events of an unauthenticated actor (its label is what was typed as the
 * user name) or events named as a failure or refusal; only the typed parts go, the reason,
 * time, address and concerned contacts stay for the security record.
 */
async function eraseTypedData(tx: Tx, before: Date): Promise<number> {
  return tx.$executeRaw`
    UPDATE "AuditEvent" SET
      details = (details - ${TYPED_DETAIL_KEYS}::text[]) || '{"typedDataErased": true}'::jsonb,
      "actorLabel" = CASE WHEN "actorType" = 'ANONYMOUS' THEN NULL ELSE "actorLabel" END
    WHERE at < ${before}
      AND ("actorType" = 'ANONYMOUS' OR action LIKE '%.failed' OR action LIKE '%rate-limited'
           OR action LIKE '%.code-not-sent' OR action LIKE '%.code-rejected')
      AND (details ?| ${TYPED_DETAIL_KEYS}::text[] OR ("actorType" = 'ANONYMOUS' AND "actorLabel" IS NOT NULL))`;
}

async function purge(tx: Tx, now: Date, rateLimitRowsDeleted: number): Promise<RetentionCounts> {
  const settings = (await tx.districtSettings.findUnique({ where: { id: 1 } })) ?? DEFAULT_RETENTION;
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const expiredBefore = daysAgo(settings.expiredRecordRetentionDays);
  return {
    sessionsDeleted: (await tx.authSession.deleteMany({ where: { expiresAt: { lt: expiredBefore } } })).count,
    resetCodesDeleted: (await tx.passwordResetCode.deleteMany({ where: { expiresAt: { lt: expiredBefore } } })).count,
    staffSetupLinksDeleted: (await tx.staffSetupLink.deleteMany({ where: { expiresAt: { lt: expiredBefore } } })).count,
    // A spent CAPTCHA solution guards against replay only until its challenge expires.
    staffRecoveryRowsDeleted:
      (await tx.staffRecoveryFlow.deleteMany({ where: { expiresAt: { lt: expiredBefore } } })).count +
      (await tx.altchaSolution.deleteMany({ where: { expiresAt: { lt: now } } })).count,
    rateLimitRowsDeleted,
    // Captured demo mail and text messages (the demo SMS receiver) alike.
    devMailDeleted:
      (await tx.devMailMessage.deleteMany({ where: { receivedAt: { lt: new Date(now.getTime() - DEV_MAIL_RETENTION_MS) } } })).count +
      (await tx.devSmsMessage.deleteMany({ where: { receivedAt: { lt: new Date(now.getTime() - DEV_MAIL_RETENTION_MS) } } })).count,
    failedAttemptEventsErased: await eraseTypedData(tx, daysAgo(settings.failedAttemptDataRetentionDays)),
    auditEventsDeleted: (await tx.auditEvent.deleteMany({ where: { at: { lt: daysAgo(settings.auditRetentionDays) } } })).count,
  };
}

/** Runs the retention job once, unless another instance is running it (or ran it recently). */
export async function runRetention(options: RetentionOptions = {}): Promise<RetentionRun> {
  const now = options.now ?? new Date();
  // An ended window limits nothing: the next hit starts a new one either way. Deleted in its own
  // short statement (harmless if two instances do it): inside the long transaction below, a
  // sign-in hitting one of these keys would wait for the whole run to commit.
  const rateLimitRowsDeleted = (await prisma.rateLimitBucket.deleteMany({ where: { expiresAt: { lt: now } } })).count;
  return prisma.$transaction(
    async (tx): Promise<RetentionRun> => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${LOCK_KEYS[0]}::int, ${LOCK_KEYS[1]}::int) AS locked`;
      if (!lock?.locked) return { status: "skipped", reason: "locked" };
      if (options.minIntervalMs && (await recentRunExists(tx, new Date(now.getTime() - options.minIntervalMs)))) {
        return { status: "skipped", reason: "recent" };
      }
      const counts = await purge(tx, now, rateLimitRowsDeleted);
      await recordAuditEvent(tx, { actor: { type: "SYSTEM", label: "retention" }, action: "retention.run", details: { ...counts } });
      return { status: "done", counts };
    },
    // The first run on an old database may delete a lot; later runs take milliseconds.
    { maxWait: 10_000, timeout: 10 * 60_000 },
  );
}
