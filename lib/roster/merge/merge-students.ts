// Students from users.csv, by sourcedId. Planned first (plan_student), so the removal guard and
// a dry run see exactly what the apply statements will do. The student ID number is text as
// the SIS wrote it; the school is the first of the student's orgs that is a school.
import type pg from "pg";
import type { RosterMode } from "../roster-records";
import { linksDigestSql } from "./links-digest";

/**
 * Writes plan_student. Bulk: stored students the file no longer has are planned for removal, in
 * the same pass (a full join: one scan and one hash of a million students, not two).
 */
export async function planStudents(client: pg.ClientBase, mode: RosterMode): Promise<void> {
  const bulk = mode === "bulk";
  // A stored student is kept when the file has its row (even a rejected one) or the reader
  // rejected a row with its sourcedId (a typo in one row must not remove a student).
  const planned = bulk
    ? `(u.sourced_id IS NOT NULL AND NOT u.rejected)
       OR (u.sourced_id IS NULL AND s."sourcedId" IS NOT NULL AND s."removedAt" IS NULL
           AND NOT EXISTS (SELECT 1 FROM roster_rejected_id x WHERE x.file = 'users.csv' AND x.sourced_id = s."sourcedId"))`
    : "NOT u.rejected";
  await client.query(`
    CREATE TEMP TABLE plan_student ON COMMIT DROP AS
    SELECT s.id, COALESCE(u.sourced_id, s."sourcedId") AS sourced_id, u.line,
      CASE
        WHEN u.sourced_id IS NULL THEN 'remove'
        WHEN u.status = 'removed' THEN CASE WHEN s.id IS NOT NULL AND s."removedAt" IS NULL THEN 'remove' ELSE 'none' END
        WHEN s.id IS NULL THEN 'add'
        WHEN s."removedAt" IS NOT NULL THEN 'restore'
        WHEN (s."studentNumber", s."firstName", s."lastName", s.grade, s."schoolId")
             IS DISTINCT FROM (n.student_number, u.given_name, u.family_name, u.grade, n.school_id) THEN 'change'
        ELSE 'unchanged'
      END AS action,
      n.student_number, COALESCE(u.given_name, s."firstName") AS first_name, COALESCE(u.family_name, s."lastName") AS last_name,
      COALESCE(u.grade, s.grade) AS grade, n.school_id,
      ${linksDigestSql("u")} AS links_digest, s."rosterLinksDigest" AS old_links_digest
    FROM (SELECT * FROM roster_user WHERE kind = 'student') u
    ${bulk ? "FULL" : "LEFT"} JOIN "Student" s ON s."sourcedId" = u.sourced_id
    LEFT JOIN "School" first_org ON first_org."sourcedId" = u.org_ids[1]
    CROSS JOIN LATERAL (
      SELECT COALESCE(u.student_number, s."studentNumber") AS student_number,
             -- Nearly always the first org; the search only runs when it is not a school.
             COALESCE(first_org.id,
                      CASE WHEN cardinality(u.org_ids) > 1 THEN
                        (SELECT sch.id FROM unnest(u.org_ids) WITH ORDINALITY AS o(id, n)
                         JOIN "School" sch ON sch."sourcedId" = o.id ORDER BY o.n LIMIT 1) END,
                      s."schoolId") AS school_id
    ) n
    WHERE ${planned}`);
  await client.query(`ANALYZE plan_student`);
}

export async function applyStudents(client: pg.ClientBase): Promise<void> {
  await client.query(`UPDATE "Student" s SET "removedAt" = localtimestamp FROM plan_student p WHERE p.id = s.id AND p.action = 'remove'`);
  await client.query(`
    UPDATE "Student" s
    SET "studentNumber" = p.student_number, "firstName" = p.first_name, "lastName" = p.last_name,
        grade = p.grade, "schoolId" = p.school_id, "removedAt" = NULL, "rosterLinksDigest" = p.links_digest
    FROM plan_student p WHERE p.id = s.id AND p.action IN ('change', 'restore')`);
  await applyLinksDigests(client, "Student", "plan_student");
  await client.query(`
    INSERT INTO "Student" ("sourcedId", "studentNumber", "firstName", "lastName", grade, "schoolId", "rosterLinksDigest")
    SELECT sourced_id, student_number, first_name, last_name, grade, school_id, links_digest FROM plan_student WHERE action = 'add'`);
}

/**
 * The links digest of an unchanged record (or one the file removes) whose row says something
 * new about its links: bookkeeping for the next import, not a change of the record.
 */
export async function applyLinksDigests(client: pg.ClientBase, table: "Student" | "Contact", plan: string): Promise<void> {
  await client.query(`
    UPDATE "${table}" t SET "rosterLinksDigest" = p.links_digest FROM ${plan} p
    WHERE p.id = t.id AND p.action IN ('unchanged', 'remove', 'none') AND p.links_digest IS DISTINCT FROM p.old_links_digest`);
}
