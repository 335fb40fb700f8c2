import { CSV_BOM, csvRow } from "@/lib/csv/encode-csv";
import type { RosterIssue, RosterReport } from "./roster-report";

const HEADER = ["severity", "file", "line", "column", "reason"] as const;

function issueRow(issue: RosterIssue): string {
  return csvRow([issue.severity, issue.file, issue.line, issue.column, issue.reason]);
}

/** The downloadable report: errors first, then warnings, with a note when the list was capped. */
export function rosterReportCsv(report: RosterReport): string {
  const lines = [CSV_BOM, csvRow(HEADER)];
  if (report.outcome === "structural-error") {
    lines.push(issueRow(report.error));
  } else {
    lines.push(...report.rowErrors.map(issueRow));
    const hidden = report.rowErrorCount - report.rowErrors.length;
    if (hidden > 0) lines.push(csvRow(["error", "", null, null, `${hidden} more row errors not listed`]));
  }
  lines.push(...report.warnings.map(issueRow));
  const hiddenWarnings = report.warningCount - report.warnings.length;
  if (hiddenWarnings > 0) lines.push(csvRow(["warning", "", null, null, `${hiddenWarnings} more warnings not listed`]));
  return lines.join("");
}
