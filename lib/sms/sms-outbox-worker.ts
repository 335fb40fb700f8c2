// Sends the SmsOutbox through the configured transport, the way the mail outbox worker sends
// mail: rows claimed with FOR UPDATE SKIP LOCKED and a lease, so several app instances never
// send the same message; marked SENT only while the lease is still this worker's; failures
// retried with exponential backoff (at least what the provider's Retry-After asks), messages
// the provider can never take (an invalid number) given up on at once. The code in a
// sensitive message's params is erased once it is sent or given up on, or once it has waited
// 10 minutes (its code is dead by then; this also holds when no transport is configured).
// Message bodies and codes are never logged.
import { Prisma } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/db";
import { claimDueOutboxRows, DB_NOW } from "@/lib/ops/outbox-claim";
import { loadDistrictMailSettings } from "@/lib/mail/district-mail-info";
import { backoffDelayMs, MAX_ATTEMPTS } from "@/lib/mail/outbox-worker";
import type { PeriodicJob } from "@/lib/ops/periodic-jobs";
import { configuredSmsTransport, missingSmsConfigMessage } from "@/lib/sms/sms-transport-config";
import { SmsTransportError, type SmsTransport } from "@/lib/sms/sms-transport";
import { renderSms } from "@/lib/sms/sms-templates";
import { metrics } from "@/lib/ops/metrics";


export interface SmsBatchResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

interface ClaimedSms {
  id: number;
  toNumber: string;
  template: string;
  params: unknown;
  attempts: number;
  lease: string;
}

function claimDueRows(batchSize: number, leaseMs: number): Promise<ClaimedSms[]> {
  return claimDueOutboxRows<ClaimedSms>("SmsOutbox", Prisma.sql`o.id, o."toNumber", o.template, o.params, o.attempts`, batchSize, leaseMs);
}

async function markSent(row: ClaimedSms, providerMessageId: string): Promise<boolean> {
  const updated = await prisma.$executeRaw`
    UPDATE "SmsOutbox" SET
      "status" = 'SENT', "sentAt" = ${DB_NOW}, "attempts" = "attempts" + 1, "lockedUntil" = NULL, "lastError" = NULL,
      "providerMessageId" = ${providerMessageId},
      "params" = CASE WHEN "sensitive" THEN '{}'::jsonb ELSE "params" END
    WHERE id = ${row.id} AND "status" = 'PENDING' AND "lockedUntil"::text = ${row.lease}`;
  return updated === 1;
}

async function markFailedAttempt(row: ClaimedSms, error: unknown): Promise<"retried" | "failed"> {
  const attempts = row.attempts + 1;
  const transportError = error instanceof SmsTransportError ? error : null;
  const giveUp = (transportError ? !transportError.retryable : false) || attempts >= MAX_ATTEMPTS;
  const delayMs = Math.max(backoffDelayMs(attempts), transportError?.retryAfterMs ?? 0);
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  await prisma.$executeRaw`
    UPDATE "SmsOutbox" SET
      "attempts" = ${attempts}, "lockedUntil" = NULL, "lastError" = ${message},
      "status" = ${giveUp ? "FAILED" : "PENDING"}::"OutboxStatus",
      "nextAttemptAt" = ${DB_NOW} + make_interval(secs => ${delayMs / 1000}),
      "params" = CASE WHEN ${giveUp} AND "sensitive" THEN '{}'::jsonb ELSE "params" END
    WHERE id = ${row.id} AND "status" = 'PENDING' AND "lockedUntil"::text = ${row.lease}`;
  return giveUp ? "failed" : "retried";
}

/** Minutes after which a queued code is dead anyway (staff codes live 10 minutes). */
export const SENSITIVE_SMS_MAX_AGE_MINUTES = 10;

/**
 * Gives up on sensitive messages still queued after 10 minutes and erases their params: the code
 * in them has expired, and without a transport (no provider configured) nothing else would ever
 * erase it from the table. Returns how many were given up on.
 */
export async function expireStaleSensitiveSms(): Promise<number> {
  return prisma.$executeRaw`
    UPDATE "SmsOutbox" SET
      "status" = 'FAILED', "params" = '{}'::jsonb, "lockedUntil" = NULL,
      "lastError" = ${`Not sent within ${SENSITIVE_SMS_MAX_AGE_MINUTES} minutes: the code in it has expired and was erased.`}
    WHERE "sensitive" AND "status" = 'PENDING'
      AND "createdAt" < ${DB_NOW} - make_interval(mins => ${SENSITIVE_SMS_MAX_AGE_MINUTES})
      AND ("lockedUntil" IS NULL OR "lockedUntil" < ${DB_NOW})`;
}

/** Claims up to `batchSize` due messages, sends them one by one, records each outcome. */
export async function processSmsOutboxBatch(options: { transport: SmsTransport; batchSize?: number; leaseMs?: number }): Promise<SmsBatchResult> {
  const { transport, batchSize = 20, leaseMs = 60_000 } = options;
  const result: SmsBatchResult = { claimed: 0, sent: 0, retried: 0, failed: 0 };
  const rows = await claimDueRows(batchSize, leaseMs);
  result.claimed = rows.length;
  if (rows.length === 0) return result;
  const district = await loadDistrictMailSettings(prisma);
  for (const row of rows) {
    const rendered = renderSms(row, district);
    if ("problem" in rendered) {
      result[await markFailedAttempt(row, new SmsTransportError(rendered.problem, false))] += 1;
      continue;
    }
    try {
      const sent = await transport.send({ to: row.toNumber, body: rendered.body, idempotencyKey: `sms-${row.id}` });
      if (await markSent(row, sent.providerMessageId)) result.sent += 1;
      else console.warn(`[sms] lease on message ${row.id} expired during its send; another worker owns it now`);
    } catch (error) {
      result[await markFailedAttempt(row, error)] += 1;
    }
  }
  for (const outcome of ["sent", "retried", "failed"] as const) {
    if (result[outcome] > 0) metrics.outboxSends.inc({ outbox: "sms", result: outcome }, result[outcome]);
  }
  return result;
}

/**
 * The SMS outbox as a job of the outbox worker's loop. Without a transport (outside demo
 * mode, no provider configured) it claims nothing, so queued messages keep their attempts,
 * and says once which variable is missing.
 */
export function smsOutboxJob(options: { everyMs?: number; transport?: SmsTransport | null } = {}): PeriodicJob {
  const transport = options.transport === undefined ? configuredSmsTransport() : options.transport;
  let warned = false;
  const everyMs = options.everyMs ?? (Number(process.env.OUTBOX_POLL_MS) || 1000);
  return {
    name: "sms-outbox",
    everyMs,
    firstRunAfterMs: 0,
    async run() {
      await expireStaleSensitiveSms();
      if (!transport) {
        if (!warned) console.error(`[sms] ${missingSmsConfigMessage()}`);
        warned = true;
        return;
      }
      for (let batch = await processSmsOutboxBatch({ transport }); batch.claimed >= 20; batch = await processSmsOutboxBatch({ transport })) {
        // keep going while the queue is full
      }
    },
  };
}
