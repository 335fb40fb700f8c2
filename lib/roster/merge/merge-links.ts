// Parent-child links (StudentContact, the grid's rows) from agentSourcedIds. A link is claimed
// by the student's row, the contact's row, or both (the union: exports differ in direction).
// Each side is remembered (listedByStudent / listedByContact) because a delta row restates only
// its own side. A link is in the roster while some side lists it and both ends are active;
// otherwise it keeps its row (and its reset history) with removedAt set.
import type pg from "pg";
import { parentSearchKey } from "@/lib/text/fold-name";
import type { RosterEntityCounts } from "../import-roster-types";
import type { RosterMode } from "../roster-records";
import type { RosterIssueLog } from "../roster-report";
import { countPlan } from "./plan-counts";

const FAMILY = `('parent', 'guardian', 'relative')`;

const CLAIMING_ROW = `NOT u.rejected AND u.status = 'active' AND u.kind IN ('student', ${FAMILY.slice(1, -1)})`;

/** One row per id a user's row lists in agentSourcedIds (filtered by the caller). */
const CLAIMS = `SELECT u.sourced_id AS from_id, u.kind = 'student' AS from_student, a.id AS to_id, u.line
    FROM roster_user u CROSS JOIN LATERAL unnest(u.agent_ids) AS a(id)`;

/**
 * Bulk: the students and contacts whose side of their links is restated, because their links
 * may differ from what is stored: added, removed or restored records, contacts whose name (the
 * links' key) changed, and users whose row says something new about links (links digest). A
 * nightly file where nearly nothing changed re-plans nearly nothing; the first import re-plans
 * everything. `added`: no record existed, so links other users' rows claim to it are new too.
 */
async function stageBulkScope(client: pg.ClientBase): Promise<void> {
  await client.query(`
    CREATE TEMP TABLE roster_scope ON COMMIT DROP AS
    SELECT s.id, p.sourced_id, true AS is_student, p.action = 'add' AS added
    FROM plan_student p JOIN "Student" s ON s."sourcedId" = p.sourced_id
    WHERE p.action IN ('add', 'remove', 'restore') OR (p.action <> 'none' AND p.links_digest IS DISTINCT FROM p.old_links_digest)
    UNION ALL
    SELECT c.id, p.sourced_id, false, p.action = 'add'
    FROM plan_contact p JOIN "Contact" c ON c."sourcedId" = p.sourced_id
    WHERE p.action IN ('add', 'remove', 'restore', 'change') OR (p.action <> 'none' AND p.links_digest IS DISTINCT FROM p.old_links_digest)`);
  await client.query(`CREATE INDEX ON roster_scope (sourced_id)`);
  await client.query(`CREATE INDEX ON roster_scope (id)`);
  await client.query(`ANALYZE roster_scope`);
}

/**
 * Reports the agentSourcedIds that name nobody at all (in the package, among its rejected rows,
 * or stored). Only the rows the reader found naming someone outside users.csv are looked at:
 * probing two million links here cost 13-25 s of a 2M-link import.
 */
async function reportDanglingIds(client: pg.ClientBase, issues: RosterIssueLog): Promise<void> {
  // A link to a teacher or another student is not a family link and is dropped quietly.
  const { rows } = await client.query<{ line: number; to_id: string }>(`
    SELECT u.line, a.id AS to_id
    FROM roster_outside_agent_line l JOIN roster_user u ON u.line = l.line
    CROSS JOIN LATERAL unnest(u.agent_ids) AS a(id)
    WHERE ${CLAIMING_ROW}
      AND NOT EXISTS (SELECT 1 FROM roster_user o WHERE o.sourced_id = a.id)
      AND NOT EXISTS (SELECT 1 FROM roster_rejected_id x WHERE x.sourced_id = a.id)
      AND NOT EXISTS (SELECT 1 FROM "Student" s WHERE s."sourcedId" = a.id)
      AND NOT EXISTS (SELECT 1 FROM "Contact" k WHERE k."sourcedId" = a.id)
    ORDER BY u.line`);
  for (const row of rows) {
    issues.rowError("users.csv", row.line, "agentSourcedIds", `"${row.to_id}" is no user in this package or an earlier import: that link is skipped.`);
  }
}

/**
 * The claims whose links are planned. Delta: every usable row of the file. Bulk: the rows in
 * scope, and the rows out of scope that claim a record added now (their link is new).
 */
async function stageClaims(client: pg.ClientBase, mode: RosterMode): Promise<void> {
  if (mode === "delta") {
    await client.query(`CREATE TEMP TABLE roster_claim ON COMMIT DROP AS ${CLAIMS} WHERE ${CLAIMING_ROW}`);
  } else {
    await client.query(`
      CREATE TEMP TABLE roster_claim ON COMMIT DROP AS
      ${CLAIMS} WHERE ${CLAIMING_ROW} AND EXISTS (SELECT 1 FROM roster_scope s WHERE s.sourced_id = u.sourced_id)`);
    const { rows } = await client.query<{ added: boolean; claimers_out_of_scope: boolean }>(`
      SELECT EXISTS (SELECT 1 FROM roster_scope WHERE added) AS added,
             EXISTS (SELECT 1 FROM roster_user u WHERE ${CLAIMING_ROW}
                     AND NOT EXISTS (SELECT 1 FROM roster_scope s WHERE s.sourced_id = u.sourced_id)) AS claimers_out_of_scope`);
    if (rows[0]?.added && rows[0].claimers_out_of_scope) {
      await client.query(`
        INSERT INTO roster_claim
        ${CLAIMS} JOIN roster_scope n ON n.sourced_id = a.id AND n.added
        WHERE ${CLAIMING_ROW} AND NOT EXISTS (SELECT 1 FROM roster_scope s WHERE s.sourced_id = u.sourced_id)`);
    }
  }
  await client.query(`ANALYZE roster_claim`);
  await stagePairs(client, "roster_claim");
}

/** The claims grouped into student-contact pairs. `claims`: a table, or a subquery in parentheses. */
async function stagePairs(client: pg.ClientBase, claims: string): Promise<void> {
  // The ends' ids, sourcedIds and state travel with the pair, so planning joins nothing twice.
  await client.query(`
    CREATE TEMP TABLE roster_pair ON COMMIT DROP AS
    SELECT st.id AS student_id, k.id AS contact_id, st."sourcedId" AS student_sid, k."sourcedId" AS contact_sid,
           st."removedAt" IS NULL AS student_active, k."removedAt" IS NULL AS contact_active, k."rosterRole" AS contact_role,
           bool_or(c.from_student) AS by_student, bool_or(NOT c.from_student) AS by_contact
    FROM ${claims} c
    JOIN "Student" st ON st."sourcedId" = CASE WHEN c.from_student THEN c.from_id ELSE c.to_id END
    JOIN "Contact" k ON k."sourcedId" = CASE WHEN c.from_student THEN c.to_id ELSE c.from_id END
    GROUP BY st.id, k.id`);
  // Temporary tables get no statistics on their own; without them the joins below are planned blind.
  await client.query(`ANALYZE roster_pair`);
}

/**
 * Only links whose student or contact is restated are planned, and only the restated sides
 * change: delta, the users with a row in the file; bulk, the users in scope. A side that is not
 * restated keeps its flag, except on a new link, where any claim counts.
 */
async function planLinks(client: pg.ClientBase, mode: RosterMode): Promise<void> {
  const bulk = mode === "bulk";
  // The users' few links are reached through the sourcedId and link indexes, never by scanning
  // every link.
  const scope = bulk
    ? `sc.id IN (
         SELECT l.id FROM roster_scope s JOIN "StudentContact" l ON l."studentId" = s.id WHERE s.is_student
         UNION
         SELECT l.id FROM roster_scope s JOIN "StudentContact" l ON l."contactId" = s.id WHERE NOT s.is_student)
       AND st."sourcedId" IS NOT NULL AND k."sourcedId" IS NOT NULL`
    : `sc.id IN (
         SELECT l.id FROM roster_user u JOIN "Student" s ON s."sourcedId" = u.sourced_id
         JOIN "StudentContact" l ON l."studentId" = s.id WHERE NOT u.rejected
         UNION
         SELECT l.id FROM roster_user u JOIN "Contact" c ON c."sourcedId" = u.sourced_id
         JOIN "StudentContact" l ON l."contactId" = c.id WHERE NOT u.rejected)`;
  // Joins, not NOT EXISTS: the tests are used in several CASEs, and a subquery would run once
  // per use and row (millions of times).
  const studentRestated = bulk
    ? { join: "LEFT JOIN roster_scope xs ON xs.id = j.student_id AND xs.is_student", test: "xs.id IS NOT NULL" }
    : {
        join: `LEFT JOIN roster_user us ON us.sourced_id = j.student_sid AND us.kind = 'student' AND NOT us.rejected AND us.status = 'active'`,
        test: "us.sourced_id IS NOT NULL",
      };
  const contactRestated = bulk
    ? { join: "LEFT JOIN roster_scope xc ON xc.id = j.contact_id AND NOT xc.is_student", test: "xc.id IS NOT NULL" }
    : { join: "", test: "uc.sourced_id IS NOT NULL" };
  await client.query(`
    CREATE TEMP TABLE plan_link ON COMMIT DROP AS
    WITH scoped AS (
      SELECT sc.id, sc."studentId" AS student_id, sc."contactId" AS contact_id, sc."listedByStudent" AS old_ls,
             sc."listedByContact" AS old_lc, sc."removedAt" AS old_removed, sc.relationship AS old_relationship,
             sc."parentKey" AS old_key, st."sourcedId" AS student_sid, k."sourcedId" AS contact_sid,
             st."removedAt" IS NULL AS student_active, k."removedAt" IS NULL AS contact_active, k."rosterRole" AS contact_role
      FROM "StudentContact" sc JOIN "Student" st ON st.id = sc."studentId" JOIN "Contact" k ON k.id = sc."contactId"
      WHERE ${scope}
    ), joined AS (
      SELECT s.id, COALESCE(s.student_id, p.student_id) AS student_id, COALESCE(s.contact_id, p.contact_id) AS contact_id,
             COALESCE(s.student_sid, p.student_sid) AS student_sid, COALESCE(s.contact_sid, p.contact_sid) AS contact_sid,
             COALESCE(s.student_active, p.student_active) AND COALESCE(s.contact_active, p.contact_active) AS ends_active,
             COALESCE(s.contact_role, p.contact_role) AS contact_role,
             s.old_ls, s.old_lc, s.old_removed, s.old_relationship, s.old_key, p.by_student, p.by_contact
      FROM scoped s FULL JOIN roster_pair p ON p.student_id = s.student_id AND p.contact_id = s.contact_id
    ), valued AS (
      SELECT j.*,
        CASE WHEN ${studentRestated.test} OR j.id IS NULL THEN COALESCE(j.by_student, false) ELSE COALESCE(j.old_ls, false) END AS new_ls,
        CASE WHEN ${contactRestated.test} OR j.id IS NULL THEN COALESCE(j.by_contact, false) ELSE COALESCE(j.old_lc, false) END AS new_lc,
        COALESCE(uc.parent_key, j.old_key) AS new_key,
        COALESCE(uc.relationship, initcap(uc.kind), j.old_relationship, initcap(j.contact_role), 'Parent') AS new_relationship
      FROM joined j
      ${studentRestated.join}
      ${contactRestated.join}
      LEFT JOIN roster_user uc ON uc.sourced_id = j.contact_sid AND uc.kind IN ${FAMILY} AND NOT uc.rejected AND uc.status = 'active'
    )
    SELECT v.*, (v.new_ls OR v.new_lc) AND v.ends_active AS active,
      CASE
        WHEN v.id IS NULL THEN CASE WHEN (v.new_ls OR v.new_lc) AND v.ends_active THEN 'add' ELSE 'add_inactive' END
        WHEN v.old_removed IS NULL AND NOT ((v.new_ls OR v.new_lc) AND v.ends_active) THEN 'remove'
        WHEN v.old_removed IS NOT NULL AND (v.new_ls OR v.new_lc) AND v.ends_active THEN 'restore'
        WHEN v.old_removed IS NULL AND (v.new_key, v.new_relationship) IS DISTINCT FROM (v.old_key, v.old_relationship) THEN 'change'
        WHEN v.old_removed IS NULL THEN 'unchanged'
        ELSE 'none'
      END AS action
    FROM valued v`);
  await client.query(`ANALYZE plan_link`);
  await fillMissingKeys(client);
}

/**
 * No link is stored yet (a district's first import): every pair the file's rows claim is a new
 * link, and nothing was restated that could keep an old side. The general plan's scope, its
 * restated-side joins and its FULL JOIN against stored links would each walk every user and
 * pair for nothing (about 30 s of a 2M-link first import).
 */
async function planFirstLinks(client: pg.ClientBase): Promise<void> {
  // Claims go straight into the pairs: materialized, they were millions of rows written once.
  await stagePairs(client, `(${CLAIMS} WHERE ${CLAIMING_ROW})`);
  // A pair exists only because some row claims it, so by_student OR by_contact holds.
  await client.query(`
    CREATE TEMP TABLE plan_link ON COMMIT DROP AS
    SELECT NULL::int AS id, p.student_id, p.contact_id, p.student_sid, p.contact_sid,
           p.student_active AND p.contact_active AS ends_active, p.contact_role,
           NULL::boolean AS old_ls, NULL::boolean AS old_lc, NULL::timestamp AS old_removed,
           NULL::text AS old_relationship, NULL::text AS old_key, p.by_student, p.by_contact,
           p.by_student AS new_ls, p.by_contact AS new_lc, uc.parent_key AS new_key,
           COALESCE(uc.relationship, initcap(uc.kind), initcap(p.contact_role), 'Parent') AS new_relationship,
           p.student_active AND p.contact_active AS active,
           CASE WHEN p.student_active AND p.contact_active THEN 'add' ELSE 'add_inactive' END AS action
    FROM roster_pair p
    LEFT JOIN roster_user uc ON uc.sourced_id = p.contact_sid AND uc.kind IN ${FAMILY} AND NOT uc.rejected AND uc.status = 'active'`);
  await client.query(`ANALYZE plan_link`);
  await fillMissingKeys(client);
}

/** A new link to a stored contact the file does not carry: its key is computed here, in JS. */
async function fillMissingKeys(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ contact_id: number; first_name: string; last_name: string }>(`
    SELECT DISTINCT p.contact_id, k."firstName" AS first_name, k."lastName" AS last_name
    FROM plan_link p JOIN "Contact" k ON k.id = p.contact_id WHERE p.new_key IS NULL`);
  if (rows.length === 0) return;
  await client.query(
    `UPDATE plan_link p SET new_key = f.key FROM unnest($1::int[], $2::text[]) AS f(contact_id, key)
     WHERE p.contact_id = f.contact_id AND p.new_key IS NULL`,
    [rows.map((row) => row.contact_id), rows.map((row) => parentSearchKey(row.last_name, row.first_name))],
  );
}

async function applyLinks(client: pg.ClientBase): Promise<void> {
  await client.query(`
    UPDATE "StudentContact" sc
    SET "listedByStudent" = p.new_ls, "listedByContact" = p.new_lc,
        "removedAt" = CASE WHEN p.active THEN NULL ELSE COALESCE(p.old_removed, localtimestamp) END,
        "parentKey" = p.new_key, relationship = p.new_relationship
    FROM plan_link p
    WHERE p.id = sc.id
      AND (p.new_ls, p.new_lc, p.active, p.new_key, p.new_relationship)
          IS DISTINCT FROM (p.old_ls, p.old_lc, p.old_removed IS NULL, p.old_key, p.old_relationship)`);
  // In key order: the grid's btree fills at its right edge instead of at random pages, and a
  // first import lays the table out in the grid's order, so a search's rows share heap pages (a
  // common word of compound names, 46,000 matches at 2M links, read 3x faster than from rows
  // laid out at random) and the index builds after an empty table's load sort presorted input.
  // The grid's student sort keys are filled here, set-based, with the functions the triggers
  // use (migration 20261126180000): a row trigger per new link would cost minutes on a full
  // import. The login's keys follow in StudentContactLoginKey (a statement trigger).
  await client.query(`
    INSERT INTO "StudentContact" ("studentId", "contactId", relationship, "parentKey", "listedByStudent", "listedByContact", "removedAt",
      "sortChild", "sortStudentNumber", "sortSchool", "sortGrade")
    SELECT p.student_id, p.contact_id, p.new_relationship, p.new_key, p.new_ls, p.new_lc, CASE WHEN p.active THEN NULL ELSE localtimestamp END,
      parent_grid_child_key(st."lastName", st."firstName"), st."studentNumber", parent_grid_school_key(sch.name),
      parent_grid_grade_key(st.grade)
    FROM plan_link p
    JOIN "Student" st ON st.id = p.student_id
    JOIN "School" sch ON sch.id = st."schoolId"
    WHERE p.id IS NULL
    ORDER BY p.new_key COLLATE "C"`);
}

/**
 * Active links of a bulk import's students and contacts that were out of scope: unchanged by
 * construction. Counted without joining two million links to their ends: all active links, less
 * those planned, less those with an end no import knows (few: made before the roster import).
 */
async function countUnplannedActiveLinks(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`
    SELECT (SELECT count(*) FROM "StudentContact" WHERE "removedAt" IS NULL)
         - (SELECT count(*) FROM plan_link WHERE id IS NOT NULL AND old_removed IS NULL)
         - (SELECT count(*) FROM "StudentContact" sc WHERE sc."removedAt" IS NULL
              AND (sc."studentId" IN (SELECT id FROM "Student" WHERE "sourcedId" IS NULL)
                   OR sc."contactId" IN (SELECT id FROM "Contact" WHERE "sourcedId" IS NULL)))::int AS n`);
  return Number(rows[0]!.n);
}

async function anyLinkStored(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query(`SELECT 1 FROM "StudentContact" LIMIT 1`);
  return rows.length > 0;
}

/** Runs after students and contacts are merged (their ids and removal state are final). */
export async function mergeLinks(client: pg.ClientBase, mode: RosterMode, issues: RosterIssueLog): Promise<RosterEntityCounts> {
  await reportDanglingIds(client, issues);
  if (!(await anyLinkStored(client))) {
    await planFirstLinks(client);
    await applyLinks(client);
    return countPlan(client, "plan_link");
  }
  if (mode === "bulk") await stageBulkScope(client);
  await stageClaims(client, mode);
  await planLinks(client, mode);
  const unplanned = mode === "bulk" ? await countUnplannedActiveLinks(client) : 0;
  await applyLinks(client);
  const counts = await countPlan(client, "plan_link");
  return { ...counts, unchanged: counts.unchanged + unplanned };
}
