// The queue of roster imports as its callers see it: the console page, the command and the
// drop folder enqueue a run here and read its progress and outcome back; the worker
// (roster-import-runner.ts) is the only one that runs them.
import { access } from "node:fs/promises";
import { prisma, type Db, type Tx } from "@/lib/db";
import type { RosterImport } from "@/lib/generated/prisma/client";
import type { RosterImportSummary } from "@/lib/roster/import-roster-types";
import type { RosterReport } from "@/lib/roster/roster-report";

export type RosterImportTriggerName = "CONSOLE" | "COMMAND" | "DROP_FOLDER";
export type RosterImportStatusName = "QUEUED" | "RUNNING" | "SUCCEEDED" | "NEEDS_CONFIRMATION" | "FAILED";

export type EnqueueRosterImportInput = {
  trigger: RosterImportTriggerName;
  requestedById?: number | null;
  /** Who asked, as the history shows it (staff e-mail, "command", "drop folder"). */
  requestedBy: string;
  /** The name the district gave the package. */
  fileName: string;
  filePath: string;
  fileBytes: number;
  dryRun: boolean;
  confirmRemovals: boolean;
};

/** One run as the history shows it; the report (possibly large) only comes with getRosterImport. */
export type RosterImportJob = Omit<RosterImport, "summary" | "report" | "leaseUntil"> & {
  summary: RosterImportSummary | null;
};
export type RosterImportDetail = RosterImportJob & { report: RosterReport | null };

const MAX_NAME_CHARS = 255;
export const MAX_HISTORY_PAGE = 100;

const JOB_SELECT = {
  id: true,
  createdAt: true,
  trigger: true,
  requestedById: true,
  requestedBy: true,
  fileName: true,
  filePath: true,
  fileBytes: true,
  dryRun: true,
  confirmRemovals: true,
  status: true,
  startedAt: true,
  finishedAt: true,
  phase: true,
  rowsDone: true,
  rowsTotal: true,
  version: true,
  summary: true,
  error: true,
} as const;

function clip(text: string, max = MAX_NAME_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function toJob(row: Omit<RosterImport, "report" | "leaseUntil">): RosterImportJob {
  return { ...row, summary: (row.summary ?? null) as RosterImportSummary | null };
}

export async function enqueueRosterImport(input: EnqueueRosterImportInput, db: Db | Tx = prisma): Promise<RosterImportJob> {
  if (!Number.isSafeInteger(input.fileBytes) || input.fileBytes < 0) throw new Error("fileBytes must be a non-negative integer");
  const row = await db.rosterImport.create({
    data: {
      trigger: input.trigger,
      requestedById: input.requestedById ?? null,
      requestedBy: clip(input.requestedBy),
      fileName: clip(input.fileName),
      filePath: input.filePath,
      // The column is an int4: a package over 2 GB is recorded at the cap (the file is what counts).
      fileBytes: Math.min(input.fileBytes, 2_147_483_647),
      dryRun: input.dryRun,
      confirmRemovals: input.confirmRemovals,
    },
    select: JOB_SELECT,
  });
  return toJob(row);
}

export class RosterApplyRefusedError extends Error {
  readonly reason: "not-found" | "not-applicable" | "stale" | "file-gone";
  constructor(reason: RosterApplyRefusedError["reason"], message: string) {
    super(message);
    this.name = "RosterApplyRefusedError";
    this.reason = reason;
  }
}

/**
 * Apply after a dry run, or go ahead after the removal guard stopped a run: a new run of the
 * same package file, not a dry run. Refused unless the earlier run is a succeeded dry run or
 * one that needs confirmation, and its file is still there.
 */
export async function enqueueRosterApply(
  fromImportId: number,
  by: { requestedById: number | null; requestedBy: string; confirmRemovals: boolean; trigger?: RosterImportTriggerName },
  db: Db | Tx = prisma,
): Promise<RosterImportJob> {
  const earlier = await db.rosterImport.findUnique({ where: { id: fromImportId }, select: JOB_SELECT });
  if (!earlier) throw new RosterApplyRefusedError("not-found", "That import run does not exist.");
  const applicable = (earlier.status === "SUCCEEDED" && earlier.dryRun) || earlier.status === "NEEDS_CONFIRMATION";
  if (!applicable) {
    throw new RosterApplyRefusedError("not-applicable", "Only a finished dry run, or a run waiting for confirmation, can be applied.");
  }
  // What the admin reviewed was a comparison with the roster as it was then: once another
  // import has changed it, applying the old package would quietly undo that one.
  const newer = await db.rosterImport.findFirst({
    where: { dryRun: false, status: "SUCCEEDED", finishedAt: { gt: earlier.finishedAt ?? earlier.createdAt } },
    select: { id: true },
  });
  if (newer) {
    throw new RosterApplyRefusedError("stale", `Another import (run ${newer.id}) changed the roster since this one was checked. Run a new dry run of the package.`);
  }
  try {
    await access(earlier.filePath);
  } catch {
    throw new RosterApplyRefusedError("file-gone", "The package of that run is no longer kept on the server. Upload it again.");
  }
  return enqueueRosterImport(
    {
      trigger: by.trigger ?? "CONSOLE",
      requestedById: by.requestedById,
      requestedBy: by.requestedBy,
      fileName: earlier.fileName,
      filePath: earlier.filePath,
      fileBytes: earlier.fileBytes,
      dryRun: false,
      confirmRemovals: by.confirmRemovals,
    },
    db,
  );
}

export async function getRosterImport(id: number): Promise<RosterImportDetail | null> {
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) return null;
  const row = await prisma.rosterImport.findUnique({ where: { id }, select: { ...JOB_SELECT, report: true } });
  if (!row) return null;
  const { report, ...job } = row;
  return { ...toJob(job), report: (report ?? null) as RosterReport | null };
}

/** The history, newest first; pass the last item's id as `beforeId` for the next page. */
export async function listRosterImports(
  options: { limit?: number; beforeId?: number | null } = {},
): Promise<{ items: RosterImportJob[]; nextBeforeId: number | null }> {
  const limit = Math.min(MAX_HISTORY_PAGE, Math.max(1, Math.floor(options.limit ?? 20)));
  const beforeId = options.beforeId ?? null;
  const rows = await prisma.rosterImport.findMany({
    where: beforeId === null ? {} : { id: { lt: beforeId } },
    orderBy: { id: "desc" },
    take: limit + 1,
    select: JOB_SELECT,
  });
  const items = rows.slice(0, limit).map(toJob);
  return { items, nextBeforeId: rows.length > limit ? items[items.length - 1]!.id : null };
}
