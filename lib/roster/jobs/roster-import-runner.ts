// The one code path that runs a roster import, whoever asked for it (console, command, drop
// folder): claim a queued run, keep its lease alive, call importRoster with throttled progress,
// store the outcome on the row. A crash becomes FAILED with a plain message (the stack goes to
// the server log, never to the row, which the console shows).
import { access } from "node:fs/promises";
import { importRoster } from "@/lib/roster/import-roster";
import type { RosterActor, RosterImportProgress, RosterImportResult } from "@/lib/roster/import-roster-types";
import {
  claimRosterImport,
  finishRosterImport,
  recoverAbandonedRosterImports,
  renewRosterLease,
  writeRosterProgress,
  type ClaimedRosterImport,
  type RosterImportFinish,
  type RunnerFailureEvent,
} from "./roster-import-claim";
import type { RosterImportTriggerName } from "./roster-import-jobs";
import { throttleProgress } from "./throttle-progress";
import { countRosterRun, rosterRunOutcome } from "./roster-run-metrics";
import { jobLogger } from "@/lib/ops/logger";
import { withoutServerPaths } from "@/lib/roster/without-server-paths";

export type RosterRunnerOptions = {
  /** Run only this queued import (the command runs its own). */
  importId?: number;
  /** Claim only runs of these triggers (the server's worker leaves the command's runs to it). */
  triggers?: readonly RosterImportTriggerName[];
  /** How long a claim protects a run; renewed every quarter of it. ROSTER_LEASE_MS, default 2 minutes. */
  leaseMs?: number;
  /** Least time between two progress writes to the row (default 500 ms: about two a second). */
  progressIntervalMs?: number;
  /** Also told every progress report, unthrottled (the command's progress bar). */
  onProgress?: (progress: RosterImportProgress) => void;
  /** Called (and awaited) once the run is claimed, before the import starts. */
  onStart?: (job: ClaimedRosterImport) => void | Promise<void>;
};

export type RosterRunOutcome =
  | { status: "idle" }
  /** Another import is RUNNING: try again later. */
  | { status: "busy" }
  | { status: "ran"; importId: number; finish: RosterImportFinish; stored: boolean };

type Ending = { finish: RosterImportFinish; failure: RunnerFailureEvent | null };

const DEFAULT_LEASE_MS = 120_000;
const log = jobLogger("roster-import");
const MAX_ERROR_CHARS = 500;

export function defaultLeaseMs(): number {
  return Number(process.env.ROSTER_LEASE_MS) || DEFAULT_LEASE_MS;
}

/**
 * A crash message fit for the row, which the console shows: its first line, without credentials
 * or the server's file paths (the full error goes to the server log), bounded.
 */
export function plainErrorMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const firstLine = raw.split("\n").find((line) => line.trim() !== "")?.trim() ?? "unknown error";
  const scrubbed = withoutServerPaths(firstLine.replace(/\/\/[^\s/@]+@/g, "//***@"));
  const text = `The import stopped on an unexpected error: ${scrubbed}`;
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text;
}

function actorOf(job: ClaimedRosterImport): RosterActor {
  if (job.trigger === "CONSOLE" && job.requestedById !== null) {
    return { type: "STAFF", staffUserId: job.requestedById, label: job.requestedBy };
  }
  return { type: "SYSTEM", label: job.requestedBy };
}

function auditActorOf(actor: RosterActor): RunnerFailureEvent["actor"] {
  return actor.type === "STAFF" ? { type: "STAFF", id: actor.staffUserId, label: actor.label } : { type: "SYSTEM", label: actor.label };
}

function finishOf(result: RosterImportResult): RosterImportFinish {
  if (result.outcome === "failed") {
    return { status: "FAILED", version: null, summary: null, report: result.report, error: result.message };
  }
  return {
    status: result.outcome === "needs-confirmation" ? "NEEDS_CONFIRMATION" : "SUCCEEDED",
    version: result.summary.version,
    summary: result.summary,
    report: result.report,
    error: null,
  };
}

/** Keeps the lease of a running import fresh; `stop` waits for a renewal in flight. */
function holdLease(id: number, leaseMs: number) {
  let chain: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    chain = chain.then(async () => {
      const held = await renewRosterLease(id, leaseMs).catch((error: unknown) => {
        log.error({ importId: id, error: plainErrorMessage(error) }, "could not renew the lease of an import");
        return true;
      });
      if (!held) log.warn({ importId: id }, "import no longer RUNNING (its lease ran out); its outcome will not be stored");
    });
  }, Math.max(50, Math.floor(leaseMs / 4)));
  timer.unref?.();
  return {
    async stop() {
      clearInterval(timer);
      await chain;
    },
  };
}

async function execute(job: ClaimedRosterImport, options: RosterRunnerOptions): Promise<Ending> {
  const actor = actorOf(job);
  const failed = (error: string, reason: RunnerFailureEvent["reason"]): Ending => ({
    finish: { status: "FAILED", version: null, summary: null, report: null, error },
    failure: { actor: auditActorOf(actor), reason },
  });
  try {
    await access(job.filePath);
  } catch {
    return failed(
      "The package file is no longer on the server (deleted, or not in a storage folder this server shares). Upload it again.",
      "file-missing",
    );
  }
  const progress = throttleProgress(
    (value: RosterImportProgress) => writeRosterProgress(job.id, value),
    options.progressIntervalMs ?? 500,
    (error) => log.error({ importId: job.id, error: plainErrorMessage(error) }, "could not store the progress of an import"),
  );
  // One line per phase (opening, counting, reading, checking, merging, finishing).
  let phase: string | null = null;
  try {
    const result = await importRoster({
      source: job.filePath,
      dryRun: job.dryRun,
      confirmRemovals: job.confirmRemovals,
      actor,
      importId: job.id,
      fileName: job.fileName,
      onProgress(value) {
        if (value.phase !== phase) {
          phase = value.phase;
          log.info({ importId: job.id, phase, rowsDone: value.rowsDone, rowsTotal: value.rowsTotal }, "roster import phase");
        }
        progress.report(value);
        options.onProgress?.(value);
      },
    });
    // importRoster wrote the run's audit event itself.
    return { finish: finishOf(result), failure: null };
  } catch (error) {
    log.error({ importId: job.id, err: error }, "roster import crashed");
    return failed(plainErrorMessage(error), "crash");
  } finally {
    await progress.flush();
  }
}

/**
 * Runs the next queued import to its end, or says why not. Recovers abandoned runs first, so
 * a run whose worker died cannot keep the queue blocked past its lease.
 */
export async function runNextRosterImport(options: RosterRunnerOptions = {}): Promise<RosterRunOutcome> {
  const leaseMs = options.leaseMs ?? defaultLeaseMs();
  const recovered = await recoverAbandonedRosterImports();
  if (recovered > 0) log.warn({ recovered }, "marked abandoned imports as interrupted");
  const claim = await claimRosterImport({ leaseMs, importId: options.importId, triggers: options.triggers });
  if (claim.status !== "claimed") return claim;
  const { job } = claim;
  const startedAt = performance.now();
  log.info({ importId: job.id, trigger: job.trigger, dryRun: job.dryRun, confirmRemovals: job.confirmRemovals }, "roster import started");
  const lease = holdLease(job.id, leaseMs);
  let ending: Ending;
  try {
    await options.onStart?.(job);
    ending = await execute(job, options);
  } finally {
    await lease.stop();
  }
  const { finish, failure } = ending;
  const stored = await finishRosterImport(job.id, finish, failure);
  countRosterRun(finish, job.dryRun);
  log.info(
    { importId: job.id, outcome: rosterRunOutcome(finish, job.dryRun), failure: failure?.reason ?? null, stored, durationMs: Math.round(performance.now() - startedAt) },
    "roster import finished",
  );
  if (!stored) log.warn({ importId: job.id }, "import finished after its lease ran out; the row keeps the recovery's outcome");
  return { status: "ran", importId: job.id, finish, stored };
}
