// A partial export (a filter left on in the SIS, a school missing from the job, agentSourcedIds
// left out) looks exactly like a file that removes thousands of families or their links; a
// broken delta can mark everyone tobedeleted. The share of active students, contacts and links
// an import would remove is compared with the district's limit, whatever the file's mode; over
// it, the run rolls back until a site admin confirms it.
import type pg from "pg";
import type { RosterImportSummary, RosterRemovalShare } from "../import-roster-types";
import type { RosterMode } from "../roster-records";

type RemovalGuard = RosterImportSummary["removalGuard"];

const NONE: RosterRemovalShare = { active: 0, removing: 0, percent: 0 };

function shareOf(active: number, removing: number): RosterRemovalShare {
  return { active, removing, percent: active === 0 ? 0 : Math.round((removing / active) * 1000) / 10 };
}

async function share(client: pg.ClientBase, table: "Student" | "Contact", plan: string): Promise<RosterRemovalShare> {
  const { rows } = await client.query<{ active: number; removing: number }>(`
    SELECT (SELECT count(*)::int FROM "${table}" WHERE "sourcedId" IS NOT NULL AND "removedAt" IS NULL) AS active,
           (SELECT count(*)::int FROM ${plan} WHERE action = 'remove') AS removing`);
  const { active, removing } = rows[0]!;
  return shareOf(active, removing);
}

function exceeded(guard: Omit<RemovalGuard, "exceeded">): boolean {
  const over = (part: RosterRemovalShare) => part.removing > 0 && part.removing * 100 > guard.limitPercent * part.active;
  return over(guard.students) || over(guard.contacts) || over(guard.links);
}

/** Active links before the merge (the base of the links' share). */
export async function countActiveLinks(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "StudentContact" WHERE "removedAt" IS NULL`);
  return rows[0]!.n;
}

/** Call after planStudents/planContacts and before applying them. */
export async function checkRemovalGuard(client: pg.ClientBase, mode: RosterMode | "absent", limitPercent: number): Promise<RemovalGuard> {
  if (mode === "absent") return { limitPercent, students: NONE, contacts: NONE, links: NONE, exceeded: false };
  const guard = { limitPercent, students: await share(client, "Student", "plan_student"), contacts: await share(client, "Contact", "plan_contact"), links: NONE };
  return { ...guard, exceeded: exceeded(guard) };
}

/** Adds the links the merge removed (known only once links are planned, after the records). */
export function withLinkRemovals(guard: RemovalGuard, activeLinksBefore: number, linksRemoved: number): RemovalGuard {
  const next = { ...guard, links: shareOf(activeLinksBefore, linksRemoved) };
  return { ...next, exceeded: exceeded(next) };
}
