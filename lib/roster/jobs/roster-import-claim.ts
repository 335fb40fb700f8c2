// The job row's life in SQL: claim (QUEUED -> RUNNING with a lease), lease renewal, progress,
// finish, and recovery of runs whose worker died. Every write after the claim is conditional
// on the row still being RUNNING: once recovery has marked a run FAILED, its old worker can no
// longer overwrite that. Times are the database's, in UTC like the values Prisma writes.
import { recordAuditEvent, type Actor } from "@/lib/audit/record-audit-event";
import { Prisma } from "@/lib/generated/prisma/client";
import { ROSTER_IMPORT_LOCK_KEY } from "@/lib/roster/roster-import-lock";
import { prisma, type Tx } from "@/lib/db";
import type { RosterImport } from "@/lib/generated/prisma/client";
import type { RosterImportProgress } from "@/lib/roster/import-roster-types";
import type { RosterImportTriggerName } from "./roster-import-jobs";

const DB_NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;
const ONE_RUNNING_INDEX = "RosterImport_one_running_idx";

export const INTERRUPTED_MESSAGE =
  "interrupted: the worker running this import stopped (server restart or crash) before it finished. Nothing was changed; run it again.";

export type ClaimedRosterImport = Pick<
  RosterImport,
  "id" | "trigger" | "requestedById" | "requestedBy" | "fileName" | "filePath" | "dryRun" | "confirmRemovals"
>;

export type ClaimOutcome = { status: "claimed"; job: ClaimedRosterImport } | { status: "idle" } | { status: "busy" };

export const WORKER_ACTOR: Actor = { type: "SYSTEM", label: "roster worker" };

/** A run that ended without importRoster writing its audit event (crash, file gone, interrupted, cancelled). */
export type RunnerFailureEvent = { actor: Actor; reason: "crash" | "file-missing" | "interrupted" | "cancelled" };

async function auditRunnerFailure(
  tx: Tx,
  run: { id: number; fileName: string },
  event: RunnerFailureEvent,
  message: string,
): Promise<void> {
  await recordAuditEvent(tx, {
    actor: event.actor,
    action: "roster.import.failed",
    details: { importId: run.id, fileName: run.fileName, outcome: "failed", reason: event.reason, message },
  });
}

/** RUNNING rows whose lease passed: their worker died. Importing is one transaction, so nothing is half-applied. */
export async function recoverAbandonedRosterImports(): Promise<number> {
  return prisma.$transaction(async (tx) => {
    // An import transaction still open (its worker only slow to renew the lease) holds this lock.
    const [free] = await tx.$queryRaw<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock(${ROSTER_IMPORT_LOCK_KEY}) AS ok`;
    if (!free?.ok) return 0;
    const rows = await tx.$queryRaw<{ id: number; fileName: string }[]>`
      UPDATE "RosterImport" SET "status" = 'FAILED', "error" = ${INTERRUPTED_MESSAGE}, "finishedAt" = ${DB_NOW}, "leaseUntil" = NULL
      WHERE "status" = 'RUNNING' AND "leaseUntil" < ${DB_NOW}
      RETURNING id, "fileName"`;
    for (const row of rows) await auditRunnerFailure(tx, row, { actor: WORKER_ACTOR, reason: "interrupted" }, INTERRUPTED_MESSAGE);
    return rows.length;
  });
}

function isOneRunningViolation(error: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): boolean => {
    if (value === null || typeof value !== "object" || seen.has(value) || depth > 4) {
      return typeof value === "string" && value.includes(ONE_RUNNING_INDEX);
    }
    seen.add(value);
    const record = value as Record<string, unknown>;
    return ["message", "meta", "cause", "constraint", "detail"].some((key) => visit(record[key], depth + 1));
  };
  return visit(error, 0);
}

/**
 * Claims the oldest QUEUED run (or the one given) for this worker. "busy" while another run
 * is RUNNING: the partial unique index lets only one row be RUNNING, so two workers claiming
 * at once cannot both succeed: the loser's UPDATE fails on the index and it tries later.
 */
export async function claimRosterImport(options: {
  leaseMs: number;
  importId?: number;
  triggers?: readonly RosterImportTriggerName[];
}): Promise<ClaimOutcome> {
  const [running] = await prisma.$queryRaw<{ id: number }[]>`SELECT id FROM "RosterImport" WHERE "status" = 'RUNNING' LIMIT 1`;
  if (running) return { status: "busy" };
  const onlyId = options.importId === undefined ? Prisma.empty : Prisma.sql`AND id = ${options.importId}`;
  const onlyTriggers = options.triggers
    ? Prisma.sql`AND "trigger"::text IN (${Prisma.join([...options.triggers])})`
    : Prisma.empty;
  try {
    const [job] = await prisma.$queryRaw<ClaimedRosterImport[]>`
      UPDATE "RosterImport" AS r SET
        "status" = 'RUNNING', "leaseUntil" = ${DB_NOW} + make_interval(secs => ${options.leaseMs / 1000}),
        "startedAt" = ${DB_NOW}, "phase" = 'opening', "rowsDone" = 0, "rowsTotal" = NULL
      FROM (
        SELECT id FROM "RosterImport"
        WHERE "status" = 'QUEUED' ${onlyId} ${onlyTriggers}
        ORDER BY id
        LIMIT 1
        FOR UPDATE SKIP LOCKED
      ) AS next
      WHERE r.id = next.id
      RETURNING r.id, r."trigger"::text AS "trigger", r."requestedById", r."requestedBy", r."fileName", r."filePath",
                r."dryRun", r."confirmRemovals"`;
    return job ? { status: "claimed", job } : { status: "idle" };
  } catch (error) {
    if (isOneRunningViolation(error)) return { status: "busy" };
    throw error;
  }
}

/** Extends the lease while the run is ours; false once it is not RUNNING any more. */
export async function renewRosterLease(id: number, leaseMs: number): Promise<boolean> {
  const updated = await prisma.$executeRaw`
    UPDATE "RosterImport" SET "leaseUntil" = ${DB_NOW} + make_interval(secs => ${leaseMs / 1000})
    WHERE id = ${id} AND "status" = 'RUNNING'`;
  return updated === 1;
}

export async function writeRosterProgress(id: number, progress: RosterImportProgress): Promise<void> {
  await prisma.$executeRaw`
    UPDATE "RosterImport" SET "phase" = ${progress.phase}, "rowsDone" = ${Math.min(progress.rowsDone, 2_147_483_647)},
      "rowsTotal" = ${progress.rowsTotal === null ? null : Math.min(progress.rowsTotal, 2_147_483_647)}
    WHERE id = ${id} AND "status" = 'RUNNING'`;
}

export type RosterImportFinish = {
  status: "SUCCEEDED" | "NEEDS_CONFIRMATION" | "FAILED";
  version: string | null;
  summary: unknown;
  report: unknown;
  error: string | null;
};

/**
 * Stores the outcome; false when the run was no longer ours (recovery marked it meanwhile).
 * `failure`: importRoster did not get to write the run's audit event, so it is written here,
 * in the same transaction as the outcome.
 */
export async function finishRosterImport(id: number, finish: RosterImportFinish, failure: RunnerFailureEvent | null = null): Promise<boolean> {
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  return prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: number; fileName: string }[]>`
      UPDATE "RosterImport" SET
        "status" = ${finish.status}::"RosterImportStatus", "finishedAt" = ${DB_NOW}, "leaseUntil" = NULL,
        "version" = ${finish.version}, "summary" = ${json(finish.summary)}::jsonb, "report" = ${json(finish.report)}::jsonb,
        "error" = ${finish.error}
      WHERE id = ${id} AND "status" = 'RUNNING'
      RETURNING id, "fileName"`;
    if (row && failure) await auditRunnerFailure(tx, row, failure, finish.error ?? "failed");
    return Boolean(row);
  });
}

/**
 * The command's own run, stopped by its user: a queued one never starts, a running one's
 * import transaction dies with the process.
 */
export async function cancelRosterImport(id: number, message: string, actor: Actor): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: number; fileName: string }[]>`
      UPDATE "RosterImport" SET "status" = 'FAILED', "finishedAt" = ${DB_NOW}, "leaseUntil" = NULL, "error" = ${message}
      WHERE id = ${id} AND "status" IN ('QUEUED', 'RUNNING')
      RETURNING id, "fileName"`;
    if (row) await auditRunnerFailure(tx, row, { actor, reason: "cancelled" }, message);
    return Boolean(row);
  });
}
