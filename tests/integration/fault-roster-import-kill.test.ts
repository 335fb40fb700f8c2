// Fault: `npm run roster:import` killed with SIGKILL mid-import (every row merged, the run's
// audit event about to be written, nothing committed). Run again, the same command must reach
// the same end state as one uninterrupted run of the package on a copy of the starting
// database: the first run is marked interrupted once its lease lapses, then the second applies.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { generateRosterCsv } from "@/scripts/bench/generate-roster-csv";
import { hasSessions, holdTable, isWaitingOnTable, spawnTsx, waitFor, withApplicationName } from "../helpers/fault-injection";
import { createDatabaseFromTemplate } from "../helpers/test-database";

const STUDENTS = 300;
const CHILD = "fault-roster-import";
const databaseUrl = process.env.DATABASE_URL!;
// A lapsed lease is how the next run learns that the killed one is gone.
const COMMAND_ENV = { ROSTER_LEASE_MS: "1000", ROSTER_POLL_MS: "100" };
let workDir: string;
let rosterFolder: string;
let admin: pg.Client;

function rosterImport(url: string) {
  return spawnTsx("scripts/roster-import.ts", [rosterFolder], { ...COMMAND_ENV, DATABASE_URL: url });
}

/**
 * The roster tables by their sourced ids: database ids differ (a rolled-back run still uses up
 * sequence values), and so do the students' random OpenID subjects (drawn when a row is made).
 */
async function rosterState(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = async (sql: string) => (await client.query<{ row: unknown }>(`SELECT row FROM (${sql}) x ORDER BY row::text`)).rows.map((r) => r.row);
    return {
      schools: await rows(`SELECT to_jsonb(s) - 'id' - 'removedAt' || jsonb_build_object('removed', s."removedAt" IS NOT NULL) AS row FROM "School" s`),
      students: await rows(
        `SELECT to_jsonb(st) - '{id,schoolId,removedAt,oidcSubject}'::text[] || jsonb_build_object('school', s."sourcedId", 'removed', st."removedAt" IS NOT NULL) AS row
         FROM "Student" st JOIN "School" s ON s.id = st."schoolId"`,
      ),
      contacts: await rows(`SELECT to_jsonb(c) - '{id,removedAt}'::text[] || jsonb_build_object('removed', c."removedAt" IS NOT NULL) AS row FROM "Contact" c`),
      links: await rows(
        `SELECT to_jsonb(sc) - '{id,studentId,contactId,removedAt}'::text[]
                || jsonb_build_object('student', st."sourcedId", 'contact', c."sourcedId", 'removed', sc."removedAt" IS NOT NULL) AS row
         FROM "StudentContact" sc JOIN "Student" st ON st.id = sc."studentId" JOIN "Contact" c ON c.id = sc."contactId"`,
      ),
      imports: (await client.query(`SELECT status::text, error FROM "RosterImport" ORDER BY id`)).rows,
      events: (await client.query(`SELECT action, details->>'reason' AS reason FROM "AuditEvent" WHERE action LIKE 'roster.%' ORDER BY id`)).rows,
    };
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), "fault-roster-"));
  rosterFolder = path.join(workDir, "roster");
  await generateRosterCsv(rosterFolder, STUDENTS);
  admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
});
afterAll(async () => {
  await admin.end();
  await rm(workDir, { recursive: true, force: true });
});

describe("a roster import killed mid-way", () => {
  it("runs again to the end state of one uninterrupted run", { timeout: 300_000 }, async () => {
    const reference = await createDatabaseFromTemplate(inject("databaseServerUrl"), inject("templateDatabase"), "fault_reference");
    const uninterrupted = rosterImport(reference);

    const hold = await holdTable(databaseUrl, "AuditEvent");
    const victim = rosterImport(withApplicationName(databaseUrl, CHILD));
    try {
      await waitFor(async () => victim.child.exitCode !== null || (await isWaitingOnTable(admin, CHILD, "AuditEvent")), "the import to reach its audit event", 150_000);
      expect(victim.child.exitCode, victim.output()).toBeNull();
      victim.child.kill("SIGKILL");
      expect(await victim.exited).toBeNull();
    } finally {
      victim.child.kill("SIGKILL");
      await hold.release();
    }
    await waitFor(async () => !(await hasSessions(admin, CHILD)), "the killed import's sessions to end");
    const killed = await rosterState(databaseUrl);
    expect(killed.students).toEqual([]);
    expect(killed.links).toEqual([]);
    expect(killed.imports).toEqual([{ status: "RUNNING", error: null }]);

    const rerun = rosterImport(databaseUrl);
    expect(await rerun.exited, rerun.output()).toBe(0);
    expect(await uninterrupted.exited, uninterrupted.output()).toBe(0);

    const [after, expected] = await Promise.all([rosterState(databaseUrl), rosterState(reference)]);
    expect(after.students.length).toBeGreaterThanOrEqual(STUDENTS);
    expect(after.links.length).toBeGreaterThan(STUDENTS);
    expect({ ...after, imports: undefined, events: undefined }).toEqual({ ...expected, imports: undefined, events: undefined });
    expect(after.imports).toEqual([
      { status: "FAILED", error: expect.stringMatching(/^interrupted/) },
      { status: "SUCCEEDED", error: null },
    ]);
    expect(after.events).toEqual([
      { action: "roster.import.failed", reason: "interrupted" },
      { action: "roster.import", reason: null },
    ]);
  });
});
