import type { Readable } from "node:stream";
import type { UserRoles } from "./read-roles";
import { assertHeader, usersVersionFromHeader, type HeaderIndex } from "./roster-headers";
import { readCsvRowBatches } from "./read-csv-rows";
import { CONTACT_LANGUAGES, type ContactLanguage, type RosterMode, type RosterUser, type RosterVersion, type UserKind } from "./roster-records";
import type { RosterIssueLog } from "./roster-report";
import { rowFields, rowLifecycle, type RowFields } from "./roster-row-fields";
import { DeferredIdChecks, SourcedIdTable } from "./sourced-id-table";
import { assertStudentIdColumnExists, readStudentNumber, studentIdColumn, type StudentIdSource } from "./student-id-source";
import { kindOfRole } from "./user-roles";

const FILE = "users.csv";
const MAX_ID_LENGTH = 255;

export type ReadUsersOptions = {
  manifestVersion: "1.1" | "1.2";
  mode: RosterMode;
  studentIdSource: StudentIdSource;
  /** Required for 1.2 (the kind and orgs of a user come only from roles.csv). */
  roles: UserRoles | null;
  /** Told once the header is read: 1.2 and 1.2.1 differ only there. */
  onVersion?: (version: RosterVersion) => void;
  /** Told the sourcedId of each rejected row that has one: a bulk import must not remove it. */
  onRejectedId?: (sourcedId: string) => void;
  /**
   * Told once, after the last row: the lines of active family rows whose agentSourcedIds name
   * someone with no row in this file (a stored record, or nobody: the merge tells which), so the
   * dangling-id check looks at those rows only instead of every link of the district.
   */
  onAgentsOutsideFile?: (lines: number[]) => void;
};

const UNUSED_REQUIRED_COLUMNS = ["enabledUser", "username"];
const CLAIMING_KINDS: ReadonlySet<UserKind | null> = new Set(["student", "parent", "guardian", "relative"]);

/**
 * Streams users.csv as typed records, in batches (one per piece of the file read). Never reads
 * the password column. Rows with a problem are reported and skipped; a duplicate sourcedId keeps
 * the first row.
 */
export async function* readUsers(input: Readable, options: ReadUsersOptions, issues: RosterIssueLog): AsyncGenerator<RosterUser[]> {
  const { manifestVersion, mode, studentIdSource, roles } = options;
  let header: HeaderIndex = new Map();
  let version: RosterVersion = manifestVersion;
  const seen = new SourcedIdTable(1 << 16);
  // Names not yet seen: most are users further down the file, checked when it is read whole.
  const agentsAhead = new DeferredIdChecks();

  const onHeader = (names: string[]) => {
    version = manifestVersion === "1.1" ? "1.1" : usersVersionFromHeader(names);
    header = assertHeader(FILE, version, names);
    assertStudentIdColumnExists(studentIdSource, header);
    options.onVersion?.(version);
  };
  const rejectedRow = (sourcedId: string | null) => {
    if (sourcedId && sourcedId.length <= MAX_ID_LENGTH) options.onRejectedId?.(sourcedId);
  };

  /** The row's record, or null when the row is rejected (reported) or a duplicate. */
  function userOfRow(line: number, fields: string[], plain: boolean): RosterUser | null {
    const row = rowFields(FILE, header, line, fields, issues, plain);
    const sourcedId = row.required("sourcedId");
    const givenName = row.required("givenName");
    const familyName = row.required("familyName");
    if (!sourcedId || !givenName || !familyName) {
      rejectedRow(sourcedId);
      return null;
    }
    if (sourcedId.length > MAX_ID_LENGTH) {
      issues.rowError(FILE, line, "sourcedId", `sourcedId is longer than ${MAX_ID_LENGTH} characters.`);
      return null;
    }
    for (const column of UNUSED_REQUIRED_COLUMNS) {
      if (!row.text(column)) issues.warning(FILE, line, column, `${column} is required by OneRoster and is empty (not used here).`);
    }

    let kind: UserKind | null;
    let orgSourcedIds: string[];
    if (version === "1.1") {
      const role = row.required("role");
      const orgs = row.list("orgSourcedIds");
      if (orgs.length === 0) issues.rowError(FILE, line, "orgSourcedIds", "orgSourcedIds is required and is empty.");
      if (!role || orgs.length === 0) {
        rejectedRow(sourcedId);
        return null;
      }
      kind = kindOfRole(role, "1.1");
      if (!kind) {
        issues.rowError(FILE, line, "role", `role "${role}" is not a OneRoster 1.1 role.`);
        rejectedRow(sourcedId);
        return null;
      }
      orgSourcedIds = orgs;
    } else {
      const userRoles = roles?.of(sourcedId) ?? null;
      kind = userRoles?.kind ?? null;
      orgSourcedIds = userRoles?.orgs ?? [];
      // A delta roles.csv only lists changed roles; in bulk every user must have one, unless
      // the user is leaving: its row is tobedeleted or all its roles are (the merge then takes
      // the kind an earlier import stored, and removes the user).
      const leaving = mode === "bulk" && !kind && (roles?.hadOnlyRemovedRoles(sourcedId) || /^(tobedeleted|inactive)$/.test(row.text("status")));
      if (!kind && mode === "bulk" && !leaving) {
        issues.rowError(FILE, line, "sourcedId", `The user "${sourcedId}" has no active role in roles.csv.`);
        rejectedRow(sourcedId);
        return null;
      }
    }

    if (!seen.add(sourcedId, 1)) {
      issues.rowError(FILE, line, "sourcedId", `sourcedId "${sourcedId}" appears on an earlier line too.`);
      return null;
    }

    const read = rowLifecycle(FILE, mode, row, issues);
    if (!read) {
      rejectedRow(sourcedId);
      return null;
    }
    const lifecycle = version !== "1.1" && mode === "bulk" && !kind ? { ...read, status: "removed" as const } : read;
    let studentNumber: string | null = null;
    if (kind === "student") {
      studentNumber = readStudentNumber(studentIdSource, row);
      if (!studentNumber && lifecycle.status === "active") {
        issues.rowError(FILE, line, studentIdColumn(studentIdSource), "This student has no student ID number.");
        rejectedRow(sourcedId);
        return null;
      }
    }

    const agentSourcedIds = row.list("agentSourcedIds");
    if (lifecycle.status === "active" && CLAIMING_KINDS.has(kind)) {
      for (const agent of agentSourcedIds) agentsAhead.addUnlessIn(seen, agent, line);
    }

    return {
      sourcedId,
      kind,
      givenName,
      familyName,
      middleName: row.optional("middleName"),
      email: readEmail(row, issues),
      phone: row.optional("phone"),
      sms: row.optional("sms"),
      grades: row.list("grades"),
      orgSourcedIds,
      agentSourcedIds,
      studentNumber,
      relationship: row.optional("metadata.relationship"),
      language: readLanguage(row, issues),
      ...lifecycle,
      line,
    };
  }

  for await (const batch of readCsvRowBatches(FILE, input, issues, onHeader)) {
    const users: RosterUser[] = [];
    for (const { line, fields, plain } of batch) {
      const user = userOfRow(line, fields, plain);
      if (user) users.push(user);
    }
    if (users.length > 0) yield users;
  }
  options.onAgentsOutsideFile?.(agentsAhead.tagsMissingFrom(seen));
}

// One address, as a mail server would take it: an SIS field holding two ("a@x.org, b@y.com")
// would send a parent's credentials to both, past the staff-domain rule.
const ONE_EMAIL = /^[^\s@,;<>"()]+@[^\s@,;<>"()]+\.[^\s@,;<>"()]+$/;

function readEmail(row: RowFields, issues: RosterIssueLog): string | null {
  const value = row.optional("email");
  if (!value || ONE_EMAIL.test(value)) return value;
  issues.warning(FILE, row.line, "email", `"${value}" is not one e-mail address; the contact is imported without one.`);
  return null;
}

function readLanguage(row: RowFields, issues: RosterIssueLog): ContactLanguage | null {
  const value = row.text("metadata.language");
  if (!value) return null;
  const code = value.toLowerCase().split(/[-_]/)[0] as ContactLanguage;
  if (CONTACT_LANGUAGES.includes(code)) return code;
  issues.warning(FILE, row.line, "metadata.language", `Language "${value}" is not one of en, es, vi, ar; the default is used.`);
  return null;
}
