// What `npm run roster:import` prints: a progress bar while the run goes (plain lines when the
// output is not a terminal, e.g. a cron mail), then the outcome, the counts, examples and the
// first row errors. Pure text: the command decides where it goes.
import type { RosterEntityCounts, RosterImportProgress, RosterImportSummary, RosterRemovalShare } from "@/lib/roster/import-roster-types";
import type { RosterIssue, RosterReport } from "@/lib/roster/roster-report";
import type { RosterImportDetail } from "./roster-import-jobs";

const number = (value: number) => value.toLocaleString("en-US");

export function progressPercent(progress: RosterImportProgress): number | null {
  if (!progress.rowsTotal) return null;
  return Math.min(100, Math.floor((progress.rowsDone / progress.rowsTotal) * 100));
}

/** "reading  1,234 / 5,000 rows  24%" */
export function progressText(progress: RosterImportProgress): string {
  const percent = progressPercent(progress);
  const rows = progress.rowsTotal ? `${number(progress.rowsDone)} / ${number(progress.rowsTotal)} rows` : `${number(progress.rowsDone)} rows`;
  return `${progress.phase.padEnd(9)} ${rows}${percent === null ? "" : `  ${percent}%`}`;
}

/** "[##########..........]  reading  1,234 / 5,000 rows  50%" */
export function progressBar(progress: RosterImportProgress, width = 30): string {
  const percent = progressPercent(progress) ?? 0;
  const filled = Math.round((percent / 100) * width);
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}]  ${progressText(progress)}`;
}

function countsRow(label: string, counts: RosterEntityCounts): string {
  const cells = [counts.added, counts.changed, counts.removed, counts.restored, counts.unchanged].map((value) => number(value).padStart(10));
  return `  ${label.padEnd(9)}${cells.join("")}`;
}

function share(label: string, value: RosterRemovalShare): string {
  return `${label} ${number(value.removing)} of ${number(value.active)} active (${value.percent}%)`;
}

function summaryLines(summary: RosterImportSummary): string[] {
  const lines = [
    `  ${"".padEnd(9)}${["add", "change", "remove", "restore", "unchanged"].map((title) => title.padStart(10)).join("")}`,
    countsRow("schools", summary.schools),
    countsRow("students", summary.students),
    countsRow("contacts", summary.contacts),
    countsRow("links", summary.links),
    `  rejected rows: ${number(summary.rejected)}   warnings: ${number(summary.warnings)}   e-mail changes: ${number(summary.emailChanges)}`,
  ];
  for (const kind of ["added", "changed", "removed", "rejected"] as const) {
    const examples = summary.examples[kind];
    if (examples.length > 0) lines.push(`  e.g. ${kind}: ${examples.slice(0, 5).join("; ")}`);
  }
  return lines;
}

export function issueLine(issue: RosterIssue): string {
  const where = [issue.file, issue.line === null ? null : `line ${issue.line}`, issue.column === null ? null : `column ${issue.column}`]
    .filter(Boolean)
    .join(", ");
  return `  ${where}: ${issue.reason}`;
}

export function reportHasIssues(report: RosterReport | null): report is RosterReport {
  if (!report) return false;
  return report.outcome === "structural-error" || report.rowErrorCount > 0 || report.warningCount > 0;
}

function issueLines(report: RosterReport, limit: number): string[] {
  if (report.outcome === "structural-error") return [];
  const lines: string[] = [];
  if (report.rowErrorCount > 0) {
    lines.push(`Row errors (${report.rowErrorCount > limit ? `first ${limit} of ` : ""}${number(report.rowErrorCount)}; these rows were not imported):`);
    lines.push(...report.rowErrors.slice(0, limit).map(issueLine));
  }
  if (report.warningCount > 0) {
    lines.push(`Warnings (${report.warningCount > limit ? `first ${limit} of ` : ""}${number(report.warningCount)}):`);
    lines.push(...report.warnings.slice(0, limit).map(issueLine));
  }
  return lines;
}

function headline(job: RosterImportDetail): string {
  const what = `${job.dryRun ? "Dry run of" : "Import of"} ${job.fileName}${job.version ? ` (OneRoster ${job.version})` : ""}`;
  const seconds = job.summary ? ` in ${(job.summary.durationMs / 1000).toFixed(1)} s` : "";
  switch (job.status) {
    case "SUCCEEDED":
      return job.dryRun ? `✓ ${what}${seconds}: nothing was changed; this is what an import would do.` : `✓ ${what} applied${seconds}.`;
    case "NEEDS_CONFIRMATION":
      return `! ${what} stopped before changing anything: it would remove more than the district allows.`;
    default:
      return `✗ ${what} failed: nothing was changed.`;
  }
}

/** Everything printed after the run; `reportPath` is where the full report CSV was written, if it was. */
export function outcomeLines(job: RosterImportDetail, options: { reportPath: string | null; errorLimit?: number }): string[] {
  const lines = [headline(job)];
  if (job.status === "FAILED" && job.error) lines.push(`  ${job.error}`);
  if (job.status === "FAILED" && job.report?.outcome === "structural-error") lines.push(issueLine(job.report.error));
  if (job.summary) lines.push(...summaryLines(job.summary));
  if (job.status === "NEEDS_CONFIRMATION" && job.summary) {
    const guard = job.summary.removalGuard;
    lines.push(
      `  Removal guard: ${share("students", guard.students)}, ${share("contacts", guard.contacts)}; the limit is ${guard.limitPercent}%.`,
      "  Run again with --confirm-removals to go ahead (or confirm this run in the console's Roster import page).",
    );
  }
  if (job.report) lines.push(...issueLines(job.report, options.errorLimit ?? 20));
  if (options.reportPath) lines.push(`Full report (CSV): ${options.reportPath}`);
  return lines;
}

/** The command's exit status: 0 applied or dry run, 1 failed, 3 stopped by the removal guard. */
export function exitCodeOf(status: RosterImportDetail["status"]): number {
  if (status === "SUCCEEDED") return 0;
  if (status === "NEEDS_CONFIRMATION") return 3;
  return 1;
}
