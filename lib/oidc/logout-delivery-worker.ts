// Sends the queued back-channel logouts (OidcLogoutDelivery, filled by a staff reset: see
// revoke-oidc-access.ts) the way the mail outbox sends mail (lib/mail/outbox-worker.ts): rows
// are claimed with FOR UPDATE SKIP LOCKED and a lease (lockedUntil), so several instances
// share the queue; each completion is conditional on still holding the lease. A delivery is a
// Back-Channel Logout 1.0 logout token (lib/oidc/keys.ts signLogoutToken) POSTed as
// `logout_token=...` (lib/oidc/post-logout-token.ts); 2xx is delivered, a network error, timeout or 5xx is retried with
// backoff up to MAX_ATTEMPTS, a 4xx (the app refused this token) or a refused target is
// given up on at once. Delivered and given-up rows are audited. The token is never stored or logged.
// Unlike mail, a lease running out mid-batch (a batch takes at most 5 rounds of a 10 s timeout,
// the lease 60 s) would at worst send a second, equally valid logout: harmless to the app.
import { Prisma } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/db";
import { claimDueOutboxRows, DB_NOW } from "@/lib/ops/outbox-claim";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { backoffDelayMs } from "@/lib/mail/outbox-worker";
import { assertDeliverableTarget, RefusedTargetError } from "@/lib/oidc/backchannel-target";
import { postLogoutToken } from "@/lib/oidc/post-logout-token";
import { signLogoutToken } from "@/lib/oidc/keys";
import { jobLogger } from "@/lib/ops/logger";
import { metrics } from "@/lib/ops/metrics";
import type { PeriodicJob } from "@/lib/ops/periodic-jobs";

export const MAX_LOGOUT_ATTEMPTS = 8;
const log = jobLogger("oidc-logout");
const SYSTEM_ACTOR = { type: "SYSTEM" as const, label: "back-channel logout worker" };

export interface LogoutBatchOptions {
  batchSize?: number;
  concurrency?: number;
  leaseMs?: number;
  /** Per POST; the app must answer within it. */
  timeoutMs?: number;
}

export interface LogoutBatchResult {
  claimed: number;
  delivered: number;
  retried: number;
  failed: number;
}

interface ClaimedDelivery {
  id: number;
  clientId: string;
  accountId: string;
  sid: string | null;
  attempts: number;
  lease: string;
}

/**
 * `error` is stored (lastError) and audited, so site admins read it: only its class (HTTP 4xx,
 * 5xx, no answer), never the app's exact status or the network error, which would tell someone
 * who registers an app's URI which ports answer where. `detail` goes to the server log only.
 */
type Outcome = { kind: "delivered"; status: number } | { kind: "retry" | "give-up"; error: string; detail?: string };

function claimDueRows(batchSize: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  return claimDueOutboxRows<ClaimedDelivery>("OidcLogoutDelivery", Prisma.sql`o.id, o."clientId", o."accountId", o.sid, o.attempts`, batchSize, leaseMs);
}

/** One POST of a fresh logout token; what to do with the row. */
async function deliver(row: ClaimedDelivery, uri: string, timeoutMs: number): Promise<Outcome> {
  try {
    await assertDeliverableTarget(uri);
  } catch (error) {
    if (error instanceof RefusedTargetError) return { kind: "give-up", error: `refused target: ${error.message}` };
    return { kind: "retry", error: "name lookup failed", detail: errorText(error) };
  }
  const token = await signLogoutToken({ clientId: row.clientId, sub: row.accountId, sid: row.sid });
  let status: number;
  try {
    status = await postLogoutToken(uri, token, { timeoutMs });
  } catch (error) {
    // The name now resolves to a private address (checked again at connect time).
    if (error instanceof RefusedTargetError) return { kind: "give-up", error: `refused target: ${error.message}` };
    return { kind: "retry", error: "no answer", detail: errorText(error) };
  }
  if (status >= 200 && status < 300) return { kind: "delivered", status };
  const statusClass = `HTTP ${Math.floor(status / 100)}xx`;
  if (status >= 500 || status === 429 || status === 408) return { kind: "retry", error: statusClass, detail: `HTTP ${status}` };
  return { kind: "give-up", error: statusClass, detail: `HTTP ${status}` };
}

function errorText(error: unknown): string {
  const record = (error ?? {}) as { message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const cause = record.cause && (typeof record.cause.code === "string" ? record.cause.code : typeof record.cause.message === "string" ? record.cause.message : "");
  return [typeof record.message === "string" ? record.message : String(error), cause].filter(Boolean).join(": ").slice(0, 300);
}

/** Records the outcome if this worker still holds the row's lease; audits final ones in the same transaction. */
async function complete(row: ClaimedDelivery, outcome: Outcome): Promise<"delivered" | "retried" | "failed" | null> {
  const attempts = row.attempts + 1;
  const final = outcome.kind === "delivered" || outcome.kind === "give-up" || attempts >= MAX_LOGOUT_ATTEMPTS;
  const status = outcome.kind === "delivered" ? "SENT" : final ? "FAILED" : "PENDING";
  const lastError = outcome.kind === "delivered" ? null : outcome.error;
  const delaySeconds = backoffDelayMs(attempts) / 1000;
  return prisma.$transaction(async (tx) => {
    const updated = await tx.$executeRaw`
      UPDATE "OidcLogoutDelivery" SET
        "attempts" = ${attempts}, "lockedUntil" = NULL, "lastError" = ${lastError},
        "status" = ${status}::"OutboxStatus",
        "sentAt" = CASE WHEN ${status} = 'SENT' THEN ${DB_NOW} ELSE "sentAt" END,
        "nextAttemptAt" = ${DB_NOW} + make_interval(secs => ${delaySeconds})
      WHERE id = ${row.id} AND "status" = 'PENDING' AND "lockedUntil"::text = ${row.lease}`;
    if (updated !== 1) return null;
    if (final) {
      // Under the parent's contact, so the trail's contact filter shows it beside the reset.
      const contacts = await tx.$queryRaw<{ contactId: number }[]>`
        SELECT "contactId" FROM "ParentAccount" WHERE "oidcSubject"::text = ${row.accountId}`;
      await recordAuditEvent(tx, {
        actor: SYSTEM_ACTOR,
        contactIds: contacts.map((contact) => contact.contactId),
        action: status === "SENT" ? "app.backchannel-logout.delivered" : "app.backchannel-logout.failed",
        details: { deliveryId: row.id, clientId: row.clientId, subject: row.accountId, sid: row.sid, attempts, ...(lastError ? { error: lastError } : {}) },
      });
    }
    return status === "SENT" ? "delivered" : final ? "failed" : "retried";
  });
}

/** Claims up to `batchSize` due deliveries, POSTs their logout tokens, records each outcome. */
export async function processLogoutDeliveryBatch(options: LogoutBatchOptions = {}): Promise<LogoutBatchResult> {
  const { batchSize = 20, concurrency = 4, leaseMs = 60_000, timeoutMs = 10_000 } = options;
  const rows = await claimDueRows(batchSize, leaseMs);
  const result: LogoutBatchResult = { claimed: rows.length, delivered: 0, retried: 0, failed: 0 };
  if (rows.length === 0) return result;
  const apps = await prisma.oidcClient.findMany({
    where: { clientId: { in: [...new Set(rows.map((row) => row.clientId))] } },
    select: { clientId: true, backchannelLogoutUri: true },
  });
  const uriOf = new Map(apps.map((app) => [app.clientId, app.backchannelLogoutUri]));
  const queue = [...rows];
  const next = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      const uri = uriOf.get(row.clientId);
      let outcome: Outcome;
      try {
        // An app removed, or its URI cleared, since the reset: nowhere to send it.
        outcome = uri ? await deliver(row, uri, timeoutMs) : { kind: "give-up", error: "the app has no back-channel logout URI any more" };
      } catch (error) {
        outcome = { kind: "retry", error: `could not sign: ${errorText(error)}` };
      }
      const recorded = await complete(row, outcome);
      if (!recorded) {
        log.warn({ deliveryId: row.id }, "lease on a logout delivery expired during its send; another worker owns it now");
        continue;
      }
      result[recorded] += 1;
      if (recorded !== "delivered") log.warn({ deliveryId: row.id, clientId: row.clientId, attempt: row.attempts + 1, outcome: recorded, error: "error" in outcome ? outcome.error : null, detail: "detail" in outcome ? outcome.detail : null }, "back-channel logout not delivered");
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, next));
  for (const outcome of ["delivered", "retried", "failed"] as const) {
    if (result[outcome] > 0) metrics.outboxSends.inc({ outbox: "backchannel-logout", result: outcome === "delivered" ? "sent" : outcome }, result[outcome]);
  }
  log.info(result, "logout delivery batch");
  return result;
}

/** Runs in the outbox worker's loop (lib/mail/start-mail-services.ts), every OUTBOX_POLL_MS. */
export function logoutDeliveryJob(options: LogoutBatchOptions & { everyMs?: number } = {}): PeriodicJob {
  return {
    name: "oidc-logout",
    everyMs: options.everyMs ?? (Number(process.env.OUTBOX_POLL_MS) || 1000),
    firstRunAfterMs: 0,
    async run() {
      const batchSize = options.batchSize ?? 20;
      for (let batch = await processLogoutDeliveryBatch(options); batch.claimed >= batchSize; batch = await processLogoutDeliveryBatch(options)) {
        // keep going while the queue is full
      }
    },
  };
}
