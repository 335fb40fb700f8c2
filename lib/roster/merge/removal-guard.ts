// A partial export (a filter left on in the SIS, a school missing from the job) looks exactly
// like a bulk file that removes thousands of families. Before anything is applied, the share of
// active students and contacts a bulk import would remove is compared with the district's limit.
import type pg from "pg";
import type { RosterImportSummary, RosterRemovalShare } from "../import-roster-types";
import type { RosterMode } from "../roster-records";

async function share(client: pg.ClientBase, table: "Student" | "Contact", plan: string): Promise<RosterRemovalShare> {
  const { rows } = await client.query<{ active: number; removing: number }>(`
    SELECT (SELECT count(*)::int FROM "${table}" WHERE "sourcedId" IS NOT NULL AND "removedAt" IS NULL) AS active,
           (SELECT count(*)::int FROM ${plan} WHERE action = 'remove') AS removing`);
  const { active, removing } = rows[0]!;
  return { active, removing, percent: active === 0 ? 0 : Math.round((removing / active) * 1000) / 10 };
}

/** Call after planStudents/planContacts and before applying them. Only bulk files are guarded. */
export async function checkRemovalGuard(client: pg.ClientBase, mode: RosterMode | "absent", limitPercent: number): Promise<RosterImportSummary["removalGuard"]> {
  const none = { active: 0, removing: 0, percent: 0 };
  if (mode === "absent") return { limitPercent, students: none, contacts: none, exceeded: false };
  const students = await share(client, "Student", "plan_student");
  const contacts = await share(client, "Contact", "plan_contact");
  const over = (part: RosterRemovalShare) => part.removing > 0 && part.removing * 100 > limitPercent * part.active;
  return { limitPercent, students, contacts, exceeded: mode === "bulk" && (over(students) || over(contacts)) };
}
