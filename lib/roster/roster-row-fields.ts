import type { RosterMode, RosterStatus } from "./roster-records";
import type { RosterIssueLog } from "./roster-report";
import type { HeaderIndex } from "./roster-headers";

/** Reads one row's fields by column name, trimmed; reports problems against the row's line. */
export type RowFields = {
  readonly line: number;
  text(column: string): string;
  /** Empty text reports "required" and returns null, which rejects the row. */
  required(column: string): string | null;
  optional(column: string): string | null;
  list(column: string): string[];
};

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const CONTROL_ALL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

// A class, not an object of closures: one is made per row, millions per import.
class CsvRowFields implements RowFields {
  constructor(
    private readonly file: string,
    private readonly header: HeaderIndex,
    readonly line: number,
    private readonly fields: string[],
    private readonly issues: RosterIssueLog,
    private readonly plain: boolean,
  ) {}

  text(column: string): string {
    const index = this.header.get(column);
    if (index === undefined) return "";
    const value = (this.fields[index] ?? "").trim();
    // NUL (PostgreSQL text cannot hold it, and ids differing by it would collide later) and
    // other control characters (terminal escapes in the command's output) never pass.
    return !this.plain && CONTROL.test(value) ? value.replace(CONTROL_ALL, "").trim() : value;
  }

  required(column: string): string | null {
    const value = this.text(column);
    if (value) return value;
    this.issues.rowError(this.file, this.line, column, `${column} is required and is empty.`);
    return null;
  }

  optional(column: string): string | null {
    return this.text(column) || null;
  }

  list(column: string): string[] {
    return splitList(this.text(column));
  }
}

/** `plain`: the reader found no control character in the row's part of the file (none to remove). */
export function rowFields(file: string, header: HeaderIndex, line: number, fields: string[], issues: RosterIssueLog, plain = false): RowFields {
  return new CsvRowFields(file, header, line, fields, issues, plain);
}

/** OneRoster lists are comma-separated inside one (quoted) field; blanks and repeats dropped. */
export function splitList(value: string): string[] {
  if (!value) return [];
  // Most lists hold one id, a few two or three: no Set, no intermediate arrays.
  if (!value.includes(",")) {
    const only = value.trim();
    return only ? [only] : [];
  }
  const parts = value.split(",");
  // A long list (a 1 MB field is allowed) must not cost a quadratic search for repeats.
  if (parts.length > 16) return [...new Set(parts.map((part) => part.trim()).filter(Boolean))];
  const items: string[] = [];
  for (const part of parts) {
    const item = part.trim();
    if (item && !items.includes(item)) items.push(item);
  }
  return items;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})?$/;

export type RowLifecycle = { status: RosterStatus; dateLastModified: Date | null };

/**
 * status and dateLastModified per the file's mode: required in delta (active / tobedeleted, and
 * the legacy inactive counted as removed), expected empty in bulk (warned, but honored, since
 * real bulk exports fill them). Returns null when the row must be rejected.
 */
export function rowLifecycle(file: string, mode: RosterMode, row: RowFields, issues: RosterIssueLog): RowLifecycle | null {
  const rawStatus = row.text("status");
  const rawDate = row.text("dateLastModified");
  if (mode === "bulk" && (rawStatus || rawDate)) {
    issues.warning(file, row.line, rawStatus ? "status" : "dateLastModified", "In a bulk file status and dateLastModified should be empty.");
  }
  if (mode === "delta" && (!row.required("status") || !row.required("dateLastModified"))) return null;

  let status: RosterStatus = "active";
  if (rawStatus === "tobedeleted" || rawStatus === "inactive") status = "removed";
  else if (rawStatus && rawStatus !== "active") {
    issues.rowError(file, row.line, "status", `status "${rawStatus}" is not active or tobedeleted.`);
    return null;
  }
  if (rawStatus === "inactive") issues.warning(file, row.line, "status", 'status "inactive" (OneRoster 1.0) is read as tobedeleted.');

  let dateLastModified: Date | null = null;
  if (rawDate) {
    const parsed = DATE_TIME.test(rawDate) ? new Date(rawDate.endsWith("Z") || /[+-]\d{2}:\d{2}$/.test(rawDate) ? rawDate : `${rawDate}Z`) : null;
    if (!parsed || Number.isNaN(parsed.getTime())) {
      if (mode === "delta") {
        issues.rowError(file, row.line, "dateLastModified", `dateLastModified "${rawDate}" is not a date and time like 2024-03-01T10:00:00.000Z.`);
        return null;
      }
    } else {
      if (!rawDate.endsWith("Z")) issues.warning(file, row.line, "dateLastModified", "dateLastModified should be in UTC (end with Z).");
      if (mode === "delta") dateLastModified = parsed;
    }
  }
  return { status, dateLastModified };
}
