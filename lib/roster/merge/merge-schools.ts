// Schools from orgs.csv (type school), by sourcedId: name and code update in place; a bulk file
// removes the schools it no longer lists. A removed school keeps its students' rows (the SIS
// moves or removes them in users.csv).
import type pg from "pg";
import type { RosterEntityCounts } from "../import-roster-types";
import type { RosterMode } from "../roster-records";
import { countPlan, emptyCounts } from "./plan-counts";

export async function mergeSchools(client: pg.ClientBase, mode: RosterMode | "absent"): Promise<RosterEntityCounts> {
  if (mode === "absent") return emptyCounts();
  const bulkRemovals =
    mode === "bulk"
      ? `UNION ALL
         SELECT s.id, s."sourcedId", s.name, s.code, 'remove' FROM "School" s
         WHERE s."sourcedId" IS NOT NULL AND s."removedAt" IS NULL
           AND NOT EXISTS (SELECT 1 FROM roster_org r WHERE r.sourced_id = s."sourcedId")
           AND NOT EXISTS (SELECT 1 FROM roster_rejected_id x WHERE x.file = 'orgs.csv' AND x.sourced_id = s."sourcedId")`
      : "";
  await client.query(`
    CREATE TEMP TABLE plan_school ON COMMIT DROP AS
    SELECT s.id, r.sourced_id, r.name, r.identifier AS code,
      CASE
        WHEN r.status = 'removed' THEN CASE WHEN s.id IS NOT NULL AND s."removedAt" IS NULL THEN 'remove' ELSE 'none' END
        WHEN s.id IS NULL THEN 'add'
        WHEN s."removedAt" IS NOT NULL THEN 'restore'
        WHEN (s.name, s.code) IS DISTINCT FROM (r.name, r.identifier) THEN 'change'
        ELSE 'unchanged'
      END AS action
    FROM roster_org r LEFT JOIN "School" s ON s."sourcedId" = r.sourced_id
    ${bulkRemovals}`);
  await client.query(`ANALYZE plan_school`);
  await client.query(`UPDATE "School" s SET "removedAt" = localtimestamp FROM plan_school p WHERE p.id = s.id AND p.action = 'remove'`);
  await client.query(`
    UPDATE "School" s SET name = p.name, code = p.code, "removedAt" = NULL
    FROM plan_school p WHERE p.id = s.id AND p.action IN ('change', 'restore')`);
  await client.query(`INSERT INTO "School" ("sourcedId", name, code) SELECT sourced_id, name, code FROM plan_school WHERE action = 'add'`);
  return countPlan(client, "plan_school");
}
