// The outcome of reading a package: either one structural error (nothing may change), or the row
// errors (rows rejected, the rest imported) and warnings. Issues are kept up to a cap so a file
// where every row has the same defect does not fill memory; the counts stay exact.

export type RosterIssueSeverity = "error" | "warning";

/** One problem a district can act on; `line` is the physical line (1 = header). */
export type RosterIssue = {
  severity: RosterIssueSeverity;
  file: string;
  line: number | null;
  column: string | null;
  reason: string;
};

export type RosterReport =
  | { outcome: "structural-error"; error: RosterIssue; warnings: RosterIssue[]; warningCount: number }
  | {
      outcome: "read";
      rowErrors: RosterIssue[];
      rowErrorCount: number;
      warnings: RosterIssue[];
      warningCount: number;
    };

/** Thrown for a package that must not be imported at all; carries the one clear message. */
export class RosterStructuralError extends Error {
  readonly file: string;
  readonly line: number | null;

  constructor(file: string, message: string, line: number | null = null) {
    super(clip(message));
    this.name = "RosterStructuralError";
    this.file = file;
    this.line = line;
  }
}

export const DEFAULT_ISSUE_CAP = 10_000;

// Reasons quote values from the file (a role, a column name); a hostile file must not make the
// report huge.
const MAX_REASON_CHARS = 500;

// A reason may quote any value of the file: no control character reaches the stored report
// (PostgreSQL's jsonb refuses NUL) or the command's terminal output (escape sequences).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

function clip(raw: string): string {
  const text = raw.replace(CONTROL, " ");
  return text.length > MAX_REASON_CHARS ? `${text.slice(0, MAX_REASON_CHARS - 1)}…` : text;
}

export type RosterIssueLog = {
  rowError(file: string, line: number | null, column: string | null, reason: string): void;
  warning(file: string, line: number | null, column: string | null, reason: string): void;
  toReport(structural?: RosterStructuralError): RosterReport;
};

export function createRosterIssueLog(cap = DEFAULT_ISSUE_CAP): RosterIssueLog {
  const rowErrors: RosterIssue[] = [];
  const warnings: RosterIssue[] = [];
  let rowErrorCount = 0;
  let warningCount = 0;
  return {
    rowError(file, line, column, reason) {
      rowErrorCount += 1;
      if (rowErrors.length < cap) rowErrors.push({ severity: "error", file, line, column, reason: clip(reason) });
    },
    warning(file, line, column, reason) {
      warningCount += 1;
      if (warnings.length < cap) warnings.push({ severity: "warning", file, line, column, reason: clip(reason) });
    },
    toReport(structural) {
      if (structural) {
        const error: RosterIssue = {
          severity: "error",
          file: structural.file,
          line: structural.line,
          column: null,
          reason: structural.message,
        };
        return { outcome: "structural-error", error, warnings: [...warnings], warningCount };
      }
      return { outcome: "read", rowErrors: [...rowErrors], rowErrorCount, warnings: [...warnings], warningCount };
    },
  };
}
