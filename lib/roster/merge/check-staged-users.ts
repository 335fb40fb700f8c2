// Row checks that need the whole roster (or what earlier imports stored), run in SQL on the
// staged rows. Each rejects the row it finds (rejected = true: the merge skips it) and reports
// it with file, line, column and a plain reason, like the reader's own row errors.
import type pg from "pg";
import type { RosterIssueLog } from "../roster-report";

const FILE = "users.csv";

type Rejection = { line: number; detail: string | null };

async function reject(client: pg.ClientBase, sql: string, issues: RosterIssueLog, column: string, reason: (detail: string | null) => string) {
  const { rows } = await client.query<Rejection>(sql);
  rows.sort((a, b) => a.line - b.line);
  for (const row of rows) issues.rowError(FILE, row.line, column, reason(row.detail));
  return rows.length;
}

/** A 1.2 delta may leave a user's role out (unchanged): take the kind an earlier import stored. */
async function resolveKindsFromEarlierImports(client: pg.ClientBase, issues: RosterIssueLog) {
  await client.query(`
    UPDATE roster_user u SET kind = 'student' FROM "Student" s
    WHERE u.kind IS NULL AND s."sourcedId" = u.sourced_id`);
  await client.query(`
    UPDATE roster_user u SET kind = c."rosterRole" FROM "Contact" c
    WHERE u.kind IS NULL AND c."sourcedId" = u.sourced_id AND c."rosterRole" IS NOT NULL`);
  await reject(
    client,
    `UPDATE roster_user SET rejected = true WHERE kind IS NULL RETURNING line, sourced_id AS detail`,
    issues,
    "sourcedId",
    (id) => `The user "${id}" has no role in roles.csv and no earlier import knows it.`,
  );
}

/** An active student must belong to a school from orgs.csv or an earlier import. */
async function rejectStudentsWithoutSchool(client: pg.ClientBase, issues: RosterIssueLog) {
  await reject(
    client,
    `UPDATE roster_user u SET rejected = true
     WHERE u.kind = 'student' AND u.status = 'active' AND NOT u.rejected
       AND NOT EXISTS (
         SELECT 1 FROM unnest(u.org_ids) AS o(id)
         WHERE EXISTS (SELECT 1 FROM roster_org r WHERE r.sourced_id = o.id)
            OR EXISTS (SELECT 1 FROM "School" s WHERE s."sourcedId" = o.id))
     RETURNING u.line, array_to_string(u.org_ids, ', ') AS detail`,
    issues,
    "orgSourcedIds",
    (ids) => `None of this student's orgs (${ids || "none"}) is a school in orgs.csv or from an earlier import.`,
  );
}

/**
 * One student ID number, one student: parents prove their link with it. Parents type it in any
 * case, so numbers differing only in case are the same number.
 */
async function rejectDuplicateStudentNumbers(client: pg.ClientBase, issues: RosterIssueLog, studentNumberColumn: string) {
  await reject(
    client,
    `UPDATE roster_user u SET rejected = true
     FROM (
       SELECT line, student_number, first_value(line) OVER w AS first_line, row_number() OVER w AS n
       FROM roster_user
       WHERE kind = 'student' AND status = 'active' AND NOT rejected AND student_number IS NOT NULL
       WINDOW w AS (PARTITION BY lower(student_number) ORDER BY line)
     ) d
     WHERE d.line = u.line AND d.n > 1
     RETURNING u.line, json_build_array(d.student_number, d.first_line)::text AS detail`,
    issues,
    studentNumberColumn,
    (detail) => {
      const [number, firstLine] = JSON.parse(detail ?? "[]") as [string, number];
      return `Student ID number "${number}" is already on line ${firstLine}: one number, one student.`;
    },
  );
  // A number stored for another student still counts, unless that student takes a new one now.
  await reject(
    client,
    `UPDATE roster_user u SET rejected = true
     FROM "Student" s
     WHERE u.kind = 'student' AND u.status = 'active' AND NOT u.rejected
       AND s."studentNumber" = u.student_number AND s."sourcedId" IS DISTINCT FROM u.sourced_id
       AND NOT EXISTS (
         SELECT 1 FROM roster_user o
         WHERE o.sourced_id = s."sourcedId" AND NOT o.rejected AND o.status = 'active'
           AND o.student_number IS NOT NULL AND o.student_number <> s."studentNumber")
     RETURNING u.line, json_build_array(u.student_number, COALESCE(s."sourcedId", 'id ' || s.id))::text AS detail`,
    issues,
    studentNumberColumn,
    (detail) => {
      const [number, owner] = JSON.parse(detail ?? "[]") as [string, string];
      return `Student ID number "${number}" belongs to another student (${owner}) already stored, active or removed.`;
    },
  );
}

/** `studentNumberColumn`: where the district's setting reads the number (for the report). */
export async function checkStagedUsers(client: pg.ClientBase, issues: RosterIssueLog, studentNumberColumn: string): Promise<void> {
  await resolveKindsFromEarlierImports(client, issues);
  await rejectStudentsWithoutSchool(client, issues);
  await rejectDuplicateStudentNumbers(client, issues, studentNumberColumn);
}
