// `npm run roster:import`: queues a COMMAND run of a zip or folder and runs it here, through
// the same runner as the server's worker (so it waits while another import is running), with a
// progress bar, then prints the outcome and writes the full report CSV. The package is read
// where it lies (nothing is copied), which is why the servers' workers leave COMMAND runs alone.
import { writeFile, readdir, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { RosterImportProgress } from "@/lib/roster/import-roster-types";
import { rosterReportCsv } from "@/lib/roster/roster-report-csv";
import { cancelQueuedRosterImport, failRunningRosterImport } from "./roster-import-claim";
import { enqueueRosterImport, getRosterImport, type RosterImportDetail } from "./roster-import-jobs";
import { runNextRosterImport } from "./roster-import-runner";
import { exitCodeOf, outcomeLines, progressBar, progressText, reportHasIssues } from "./roster-command-output";

export type RosterCommandOptions = {
  source: string;
  dryRun: boolean;
  confirmRemovals: boolean;
  /** Where the report CSV goes; default roster-import-<id>-report.csv in the working directory. */
  reportPath?: string;
  out?: NodeJS.WriteStream;
  pollMs?: number;
};

export const CANCELLED_MESSAGE = "cancelled: the command was stopped before the import finished. Nothing was changed.";

async function packageBytes(source: string): Promise<number> {
  const info = await stat(source);
  if (info.isFile()) return info.size;
  let total = 0;
  for (const name of await readdir(source)) {
    const file = await stat(path.join(source, name)).catch(() => null);
    if (file?.isFile()) total += file.size;
  }
  return total;
}

/** Draws the bar in place on a terminal (at most ten times a second); elsewhere a line per phase and per 10%. */
function progressPrinter(out: NodeJS.WriteStream) {
  const tty = Boolean(out.isTTY);
  let lastDrawAt = 0;
  let lastKey = "";
  let drawn = false;
  return {
    update(progress: RosterImportProgress) {
      if (tty) {
        if (Date.now() - lastDrawAt < 100) return;
        lastDrawAt = Date.now();
        out.write(`\r${progressBar(progress, Math.max(10, Math.min(40, (out.columns ?? 80) - 50)))}\x1b[K`);
        drawn = true;
        return;
      }
      const tenth = progress.rowsTotal ? Math.floor((progress.rowsDone / progress.rowsTotal) * 10) : -1;
      const key = `${progress.phase}:${tenth}`;
      if (key === lastKey) return;
      lastKey = key;
      out.write(`progress: ${progressText(progress)}\n`);
    },
    end() {
      if (drawn) out.write("\n");
      drawn = false;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the command; resolves to its exit status. */
export async function runRosterImportCommand(options: RosterCommandOptions): Promise<number> {
  const out = options.out ?? process.stdout;
  const pollMs = options.pollMs ?? (Number(process.env.ROSTER_POLL_MS) || 2000);
  const source = path.resolve(options.source);
  const fileBytes = await packageBytes(source);
  const job = await enqueueRosterImport({
    trigger: "COMMAND",
    requestedBy: `command (${os.userInfo().username}@${os.hostname()})`,
    fileName: path.basename(source),
    filePath: source,
    fileBytes,
    dryRun: options.dryRun,
    confirmRemovals: options.confirmRemovals,
  });
  out.write(`Roster import #${job.id}: ${options.dryRun ? "dry run of" : "importing"} ${source}\n`);

  const onSignal = (signal: NodeJS.Signals) => {
    void (async () => {
      const cancelled = (await cancelQueuedRosterImport(job.id, CANCELLED_MESSAGE)) || (await failRunningRosterImport(job.id, CANCELLED_MESSAGE));
      out.write(`\n${cancelled ? "Stopped" : "Stopping"} (${signal}): nothing was changed.\n`);
      process.exit(130);
    })();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  const progress = progressPrinter(out);
  let detail: RosterImportDetail | null = null;
  let toldBusy = false;
  try {
    for (;;) {
      const outcome = await runNextRosterImport({ importId: job.id, onProgress: (value) => progress.update(value) });
      progress.end();
      if (outcome.status === "busy") {
        if (!toldBusy) out.write("Another roster import is running; waiting for it to finish…\n");
        toldBusy = true;
        await sleep(pollMs);
        continue;
      }
      detail = await getRosterImport(job.id);
      // "idle": the run is no longer queued (cancelled from elsewhere): report what the row says.
      if (outcome.status === "ran" || !detail || (detail.status !== "QUEUED" && detail.status !== "RUNNING")) break;
      await sleep(pollMs);
    }
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  if (!detail) throw new Error(`Roster import #${job.id} disappeared from the database`);

  let reportPath: string | null = null;
  if (reportHasIssues(detail.report)) {
    reportPath = path.resolve(options.reportPath ?? `roster-import-${job.id}-report.csv`);
    await writeFile(reportPath, rosterReportCsv(detail.report));
  }
  out.write(`${outcomeLines(detail, { reportPath }).join("\n")}\n`);
  return exitCodeOf(detail.status);
}
