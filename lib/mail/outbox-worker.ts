// Sends the EmailOutbox. Rows are claimed with FOR UPDATE SKIP LOCKED and a lease
// (lockedUntil), so several app instances share the queue and never send a row at the same
// time. Right before each send the worker renews the lease, atomically and only if the row is
// still PENDING and still its own, and keeps renewing it while the SMTP server takes its time:
// a slow server can no longer let the lease run out mid-batch and hand the same mail to a
// second instance. A row is marked SENT only after the SMTP server accepted it, and only by
// the worker that still holds its lease. A crash between acceptance and marking can repeat
// one send after the lease expires; the unchanged Message-ID lets mail systems recognise it.
// A row holds the template name and params; the mail is rendered here, at send time, with
// the district settings current then. The params of a sensitive mail (its secret) are
// erased once it is sent or given up on.
import { Prisma } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/db";
import { claimDueOutboxRows, DB_NOW } from "@/lib/ops/outbox-claim";
import { isLocale } from "@/lib/i18n/locales";
import { composeEmail, type ComposedEmail } from "@/lib/mail/compose-email";
import { loadDistrictMailSettings, type DistrictMailSettings } from "@/lib/mail/district-mail-info";
import { getMailTransport, type MailTransport } from "@/lib/mail/mail-transport";
import { findEmailTemplate } from "@/lib/mail/templates";
import { jobScheduler, type PeriodicJob } from "@/lib/ops/periodic-jobs";
import { jobLogger } from "@/lib/ops/logger";
import { metrics } from "@/lib/ops/metrics";
import { workerBeat, workerStarted } from "@/lib/ops/worker-heartbeat";

export const MAX_ATTEMPTS = 12;
const log = jobLogger("outbox");
const BASE_BACKOFF_MS = 5_000;
const MAX_BACKOFF_MS = 15 * 60_000;

// Prisma writes DateTime values as UTC into timestamp(3) columns; compare in UTC as well.

export interface OutboxBatchOptions {
  /** Defaults to SMTP_URL's server or the built-in dev receiver. */
  transport?: MailTransport;
  batchSize?: number;
  /** Mails sent in parallel within a batch. */
  concurrency?: number;
  /** How long a claim (and each renewal) protects a row from other workers; renewed every third of it while sending. */
  leaseMs?: number;
}

export interface OutboxBatchResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

interface ClaimedRow {
  id: number;
  toAddress: string;
  template: string;
  params: unknown;
  locale: string;
  messageId: string;
  attempts: number;
  sensitive: boolean;
  lease: string;
}

/** Delay before attempt n+1 after n failed attempts: 5 s, 10 s, 20 s ... capped at 15 min, with ±20 % jitter. */
export function backoffDelayMs(failedAttempts: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, failedAttempts - 1));
  return Math.round(exponential * (0.8 + 0.4 * random()));
}

/** An error text safe to store: no credentials from URLs or SMTP_URL, bounded length. */
export function describeSendError(error: unknown): string {
  const record = (error ?? {}) as { message?: unknown; code?: unknown; responseCode?: unknown };
  const parts = [
    typeof record.code === "string" ? record.code : null,
    typeof record.responseCode === "number" ? String(record.responseCode) : null,
    typeof record.message === "string" ? record.message : String(error),
  ].filter(Boolean);
  let text = parts.join(" ").replace(/\/\/[^\s/@]+@/g, "//***@");
  const password = safePasswordOf(process.env.SMTP_URL);
  if (password) text = text.split(password).join("***");
  return text.slice(0, 500);
}

function safePasswordOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password.length >= 3 ? password : null;
  } catch {
    return null;
  }
}

function claimDueRows(batchSize: number, leaseMs: number): Promise<ClaimedRow[]> {
  return claimDueOutboxRows<ClaimedRow>("EmailOutbox", Prisma.sql`o.id, o."toAddress", o.template, o.params, o.locale::text AS locale, o."messageId", o.attempts, o.sensitive`, batchSize, leaseMs);
}

/**
 * Extends the lease of a row this worker claimed, if the row is still PENDING and the lease is
 * still the one this worker holds (one conditional UPDATE: no other worker can slip in
 * between the check and the extension). False when another worker owns the row now.
 */
async function renewLease(row: ClaimedRow, leaseMs: number): Promise<boolean> {
  const [renewed] = await prisma.$queryRaw<{ lease: string }[]>`
    UPDATE "EmailOutbox" SET "lockedUntil" = ${DB_NOW} + make_interval(secs => ${leaseMs / 1000})
    WHERE id = ${row.id} AND "status" = 'PENDING' AND "lockedUntil"::text = ${row.lease}
    RETURNING "lockedUntil"::text AS lease`;
  if (!renewed) return false;
  row.lease = renewed.lease;
  return true;
}

/** Keeps renewing a row's lease while its mail is being sent; `stop` waits for a renewal in flight. */
function holdLease(row: ClaimedRow, leaseMs: number): { stop(): Promise<void> } {
  let chain: Promise<unknown> = Promise.resolve();
  let held = true;
  const timer = setInterval(() => {
    chain = chain.then(async () => {
      if (!held) return;
      held = await renewLease(row, leaseMs).catch((error: unknown) => {
        log.error({ outboxId: row.id, error: describeSendError(error) }, "could not renew the lease on a mail");
        return true; // unknown: the conditional completion below still decides
      });
    });
  }, Math.max(50, Math.floor(leaseMs / 3)));
  timer.unref?.();
  return {
    async stop() {
      clearInterval(timer);
      await chain; // a renewal must not change the lease under markSent's condition
    },
  };
}

// Every completion is conditional on still holding the lease: a worker whose lease ran out
// must not overwrite what the next owner did.
async function markSent(row: ClaimedRow): Promise<boolean> {
  const updated = await prisma.$executeRaw`
    UPDATE "EmailOutbox" SET
      "status" = 'SENT', "sentAt" = ${DB_NOW}, "attempts" = "attempts" + 1, "lockedUntil" = NULL, "lastError" = NULL,
      "params" = CASE WHEN "sensitive" THEN '{}'::jsonb ELSE "params" END
    WHERE id = ${row.id} AND "status" = 'PENDING' AND "lockedUntil"::text = ${row.lease}`;
  return updated === 1;
}

/** A failed send: retried with backoff, or given up on after MAX_ATTEMPTS (or when `final`). */
async function markFailedAttempt(row: ClaimedRow, error: unknown, final = false): Promise<"retried" | "failed"> {
  const attempts = row.attempts + 1;
  const giveUp = final || attempts >= MAX_ATTEMPTS;
  const delaySeconds = backoffDelayMs(attempts) / 1000;
  await prisma.$executeRaw`
    UPDATE "EmailOutbox" SET
      "attempts" = ${attempts}, "lockedUntil" = NULL, "lastError" = ${describeSendError(error)},
      "status" = ${giveUp ? "FAILED" : "PENDING"}::"OutboxStatus",
      "nextAttemptAt" = ${DB_NOW} + make_interval(secs => ${delaySeconds}),
      "params" = CASE WHEN ${giveUp} AND "sensitive" THEN '{}'::jsonb ELSE "params" END
    WHERE id = ${row.id} AND "status" = 'PENDING' AND "lockedUntil"::text = ${row.lease}`;
  return giveUp ? "failed" : "retried";
}

/**
 * The mail of a row, or the reason it can never be sent: retrying cannot fix an unknown
 * template (renamed or removed since the row was queued) or params it cannot render.
 */
export function renderOutboxRow(
  row: { template: string; locale: string; params: unknown },
  district: DistrictMailSettings,
): { mail: ComposedEmail } | { problem: string } {
  const template = findEmailTemplate(row.template);
  if (!template) return { problem: `Unknown email template "${row.template}": not sent` };
  if (!isLocale(row.locale)) return { problem: `Unsupported locale "${row.locale}": not sent` };
  try {
    return { mail: composeEmail(template, row.locale, row.params, district) };
  } catch (error) {
    return { problem: `Could not render template "${row.template}": ${describeSendError(error)}`.slice(0, 500) };
  }
}

/** Claims up to `batchSize` due mails, sends them, records each outcome. */
export async function processOutboxBatch(options: OutboxBatchOptions = {}): Promise<OutboxBatchResult> {
  const { batchSize = 20, concurrency = 4, leaseMs = 120_000 } = options;
  const rows = await claimDueRows(batchSize, leaseMs);
  if (rows.length === 0) return { claimed: 0, sent: 0, retried: 0, failed: 0 };
  const startedAt = performance.now();
  const result = await sendClaimedRows(rows, options, concurrency, leaseMs);
  for (const outcome of ["sent", "retried", "failed"] as const) {
    if (result[outcome] > 0) metrics.outboxSends.inc({ outbox: "mail", result: outcome }, result[outcome]);
  }
  log.info({ ...result, durationMs: Math.round(performance.now() - startedAt) }, "outbox batch");
  return result;
}

async function sendClaimedRows(rows: ClaimedRow[], options: OutboxBatchOptions, concurrency: number, leaseMs: number): Promise<OutboxBatchResult> {
  const result: OutboxBatchResult = { claimed: rows.length, sent: 0, retried: 0, failed: 0 };

  const district = await loadDistrictMailSettings(prisma);
  const from = { name: district.districtName, address: district.senderAddress.replace(/^.*<([^>]+)>.*$/, "$1").trim() };
  let transport: MailTransport;
  try {
    transport = options.transport ?? (await getMailTransport());
  } catch (error) {
    for (const row of rows) result[await markFailedAttempt(row, error)] += 1;
    return result;
  }

  const queue = [...rows];
  const sendNext = async (): Promise<void> => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      const rendered = renderOutboxRow(row, district);
      if ("problem" in rendered) {
        result[await markFailedAttempt(row, new Error(rendered.problem), true)] += 1;
        continue;
      }
      // Re-check right before sending: the lease may have run out while earlier mails of the
      // batch were sent, and another worker may have claimed (or sent) this row meanwhile.
      if (!(await renewLease(row, leaseMs))) {
        log.warn({ outboxId: row.id }, "mail no longer ours (lease ran out before its turn); another worker sends it");
        continue;
      }
      const lease = holdLease(row, leaseMs);
      try {
        await transport.sendMail({
          from,
          to: row.toAddress,
          subject: rendered.mail.subject,
          text: rendered.mail.text,
          html: rendered.mail.html,
          messageId: row.messageId,
          headers: { "Auto-Submitted": "auto-generated" },
        });
      } catch (error) {
        await lease.stop();
        const outcome = await markFailedAttempt(row, error);
        result[outcome] += 1;
        log.warn({ outboxId: row.id, template: row.template, attempt: row.attempts + 1, outcome, error: describeSendError(error) }, "mail not sent");
        continue;
      } finally {
        workerBeat("outbox");
      }
      await lease.stop();
      if (await markSent(row)) {
        result.sent += 1;
        log.debug({ outboxId: row.id, template: row.template, attempt: row.attempts + 1 }, "mail sent");
      } else log.warn({ outboxId: row.id }, "lease on a mail expired during its send; another worker owns it now");
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, sendNext));
  return result;
}

export interface OutboxWorker {
  stop(): Promise<void>;
}

/** Polls the outbox until stopped (every OUTBOX_POLL_MS, default 1000 ms; at once while busy), and runs `jobs` when due. */
export function startOutboxWorker(options: OutboxBatchOptions & { pollMs?: number; jobs?: readonly PeriodicJob[] } = {}): OutboxWorker {
  const pollMs = options.pollMs ?? (Number(process.env.OUTBOX_POLL_MS) || 1000);
  const jobs = jobScheduler(options.jobs ?? []);
  // A turn sends at most one batch; one that takes minutes means a stuck SMTP connection.
  workerStarted("outbox", Math.max(180_000, 10 * pollMs));
  let stopped = false;
  let wake: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => { wake = null; resolve(); }, ms);
      wake = () => { clearTimeout(timer); wake = null; resolve(); };
    });

  const loop = (async () => {
    let errorStreak = 0;
    while (!stopped) {
      workerBeat("outbox");
      jobs.startDue();
      try {
        const batch = await processOutboxBatch(options);
        errorStreak = 0;
        if (batch.claimed < (options.batchSize ?? 20)) await sleep(pollMs);
      } catch (error) {
        // Database unavailable or similar: keep the worker alive, slow down.
        errorStreak += 1;
        log.error({ error: describeSendError(error), errorStreak }, "outbox batch failed");
        await sleep(Math.min(60_000, pollMs * 2 ** Math.min(errorStreak, 6)));
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      await jobs.settle();
    },
  };
}
