import type { HeaderIndex } from "./roster-headers";
import { RosterStructuralError } from "./roster-report";
import type { RowFields } from "./roster-row-fields";
import { splitList } from "./roster-row-fields";

/** Where a student's ID number is read from (district setting; `identifier` by default). */
export type StudentIdSource =
  | { from: "identifier" }
  | { from: "sourcedId" }
  | { from: "userIds"; type: string }
  | { from: "metadata"; column: string };

export const DEFAULT_STUDENT_ID_SOURCE: StudentIdSource = { from: "identifier" };

/** Parses the setting's text form: `identifier`, `sourcedId`, `userIds:Local`, `metadata.studentNumber`. */
export function parseStudentIdSource(text: string): StudentIdSource | null {
  const value = text.trim();
  if (value === "identifier" || value === "sourcedId") return { from: value };
  const userIds = /^userIds:([^{}:,\s]+)$/.exec(value);
  if (userIds?.[1]) return { from: "userIds", type: userIds[1] };
  if (/^metadata\.[^,\s]+$/.test(value)) return { from: "metadata", column: value };
  return null;
}

/** The column a row error names when the ID number is missing. */
export function studentIdColumn(source: StudentIdSource): string {
  return source.from === "metadata" ? source.column : source.from;
}

export function assertStudentIdColumnExists(source: StudentIdSource, header: HeaderIndex): void {
  if (source.from === "metadata" && !header.has(source.column)) {
    throw new RosterStructuralError("users.csv", `The student ID number is set to come from "${source.column}", but users.csv has no such column.`, 1);
  }
}

/** The ID number as text (leading zeros kept, trimmed), or null when the row has none. */
export function readStudentNumber(source: StudentIdSource, row: RowFields): string | null {
  if (source.from !== "userIds") return row.optional(studentIdColumn(source));
  const prefix = `{${source.type}:`;
  for (const entry of splitList(row.text("userIds"))) {
    if (entry.startsWith(prefix) && entry.endsWith("}")) {
      const id = entry.slice(prefix.length, -1).trim();
      if (id) return id;
    }
  }
  return null;
}
