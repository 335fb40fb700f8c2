// A roster import run as the console shows it (page, progress JSON): plain JSON values, and
// never the package's path on the server.
import type { RosterImportSummary } from "@/lib/roster/import-roster-types";
import type { RosterImportJob, RosterImportStatusName, RosterImportTriggerName } from "@/lib/roster/jobs/roster-import-jobs";

export type RosterRunView = {
  id: number;
  createdAt: string;
  trigger: RosterImportTriggerName;
  requestedBy: string;
  fileName: string;
  fileBytes: number;
  dryRun: boolean;
  confirmRemovals: boolean;
  status: RosterImportStatusName;
  startedAt: string | null;
  finishedAt: string | null;
  phase: string | null;
  rowsDone: number;
  rowsTotal: number | null;
  version: string | null;
  summary: RosterImportSummary | null;
  error: string | null;
};

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toRosterRunView(job: RosterImportJob): RosterRunView {
  return {
    id: job.id,
    createdAt: job.createdAt.toISOString(),
    trigger: job.trigger,
    requestedBy: job.requestedBy,
    fileName: job.fileName,
    fileBytes: job.fileBytes,
    dryRun: job.dryRun,
    confirmRemovals: job.confirmRemovals,
    status: job.status,
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    phase: job.phase,
    rowsDone: job.rowsDone,
    rowsTotal: job.rowsTotal,
    version: job.version,
    summary: job.summary,
    error: job.error,
  };
}

/** Still waiting or running: the page polls its progress. */
export function isRosterRunActive(run: Pick<RosterRunView, "status">): boolean {
  return run.status === "QUEUED" || run.status === "RUNNING";
}

/** A finished dry run, or a run the removal guard stopped: the package can be applied. */
export function canApplyRosterRun(run: Pick<RosterRunView, "status" | "dryRun">): boolean {
  return (run.status === "SUCCEEDED" && run.dryRun) || run.status === "NEEDS_CONFIRMATION";
}

/** Applying it removes more than the district's guard allows: the admin must confirm. */
export function rosterRunNeedsRemovalConfirmation(run: Pick<RosterRunView, "status" | "summary">): boolean {
  return run.status === "NEEDS_CONFIRMATION" || run.summary?.removalGuard.exceeded === true;
}
