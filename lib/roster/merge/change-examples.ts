// A few concrete rows per kind of change, so whoever reads a dry run can tell a real change from
// a mistake in the export ("Contact Maria Garcia: e-mail" says more than "1 changed").
import type pg from "pg";
import type { RosterImportSummary } from "../import-roster-types";
import type { RosterReport } from "../roster-report";

const PER_KIND = 5;

/** Read before the plans are applied: "changed" compares the plan with what is stored. */
export async function collectChangeExamples(client: pg.ClientBase): Promise<Omit<RosterImportSummary["examples"], "rejected">> {
  const list = async (sql: string) => (await client.query<{ text: string }>(sql)).rows.map((row) => row.text);
  const student = `'Student ' || p.student_number || ' ' || p.first_name || ' ' || p.last_name`;
  const contact = `'Contact ' || p.first_name || ' ' || p.last_name || ' (' || p.sourced_id || ')'`;
  const added = await list(`
    (SELECT ${student} AS text FROM plan_student p WHERE action IN ('add', 'restore') ORDER BY line LIMIT ${PER_KIND})
    UNION ALL
    (SELECT ${contact} FROM plan_contact p WHERE action IN ('add', 'restore') ORDER BY line LIMIT ${PER_KIND})`);
  const changed = await list(`
    (SELECT ${student} || ': ' || array_to_string(ARRAY[
        CASE WHEN s."studentNumber" <> p.student_number THEN 'student ID number' END,
        CASE WHEN (s."firstName", s."lastName") <> (p.first_name, p.last_name) THEN 'name' END,
        CASE WHEN s.grade <> p.grade THEN 'grade' END,
        CASE WHEN s."schoolId" <> p.school_id THEN 'school' END], ', ') AS text
     FROM plan_student p JOIN "Student" s ON s.id = p.id WHERE p.action = 'change' ORDER BY p.line LIMIT ${PER_KIND})
    UNION ALL
    (SELECT ${contact} || ': ' || array_to_string(ARRAY[
        CASE WHEN (c."firstName", c."lastName") <> (p.first_name, p.last_name) THEN 'name' END,
        CASE WHEN c.email IS DISTINCT FROM p.email THEN 'e-mail' END,
        CASE WHEN c.phone IS DISTINCT FROM p.phone THEN 'phone' END,
        CASE WHEN c."preferredLocale"::text <> p.locale THEN 'language' END,
        CASE WHEN c."rosterRole" IS DISTINCT FROM p.roster_role THEN 'role' END], ', ')
     FROM plan_contact p JOIN "Contact" c ON c.id = p.id WHERE p.action = 'change' ORDER BY p.line LIMIT ${PER_KIND})`);
  const removed = await list(`
    (SELECT ${student} AS text FROM plan_student p WHERE action = 'remove' ORDER BY line NULLS LAST, sourced_id LIMIT ${PER_KIND})
    UNION ALL
    (SELECT ${contact} FROM plan_contact p WHERE action = 'remove' ORDER BY line NULLS LAST, sourced_id LIMIT ${PER_KIND})`);
  return { added, changed, removed };
}

/** The first row errors, as "users.csv line 12: reason". */
export function rejectedExamples(report: RosterReport): string[] {
  if (report.outcome !== "read") return [];
  return report.rowErrors.slice(0, PER_KIND).map((issue) => `${issue.file}${issue.line ? ` line ${issue.line}` : ""}: ${issue.reason}`);
}
