// Fault: the process running a 10,000-row bulk reset is killed with SIGKILL before it commits.
// The reset is one transaction (lib/parents/reset-parent-logins.ts), so the database must
// hold none of it (no reset login, row, follow-up, mail or audit event), and running it again
// must do all of it with one audit event that agrees with the rows. The kill lands at the
// latest moment there is: every row written, the audit event about to be.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { resetParentLogins } from "@/lib/parents/reset-parent-logins";
import { hasSessions, holdTable, isWaitingOnTable, spawnTsx, waitFor, withApplicationName } from "../helpers/fault-injection";

const ROWS = 10_000;
const CHILD = "fault-bulk-reset";
const databaseUrl = process.env.DATABASE_URL!;
let admin: pg.Client;
let staffUserId: number;

/** One school, and ROWS parents with an active login, each linked to a child of their own. */
async function seedDistrict(client: pg.Client) {
  await client.query(`INSERT INTO "School" (code, name) VALUES ('FAULT', 'Fault Elementary')`);
  await client.query(
    `INSERT INTO "Student" ("studentNumber", "firstName", "lastName", grade, "schoolId")
     SELECT 'F' || n, 'Kid' || n, 'Family' || n, '3', (SELECT id FROM "School") FROM generate_series(1, $1) n`,
    [ROWS],
  );
  await client.query(
    `INSERT INTO "Contact" ("firstName", "lastName", email)
     SELECT 'Parent' || n, 'Family' || n, 'parent' || n || '@example.com' FROM generate_series(1, $1) n`,
    [ROWS],
  );
  await client.query(
    `INSERT INTO "StudentContact" ("studentId", "contactId", relationship, "parentKey")
     SELECT s.id, c.id, 'Mother', lower(c."lastName" || ' ' || c."firstName")
     FROM "Student" s JOIN "Contact" c ON c.email = 'parent' || substr(s."studentNumber", 2) || '@example.com'`,
  );
  await client.query(
    `INSERT INTO "ParentAccount" ("contactId", username, "usernameKey", "passwordHash", "updatedAt")
     SELECT id, 'parent' || id, 'parent' || id, '$argon2id$placeholder', now() FROM "Contact"`,
  );
}

async function resetState() {
  const [accounts, rows, followUps, mails, events] = await Promise.all([
    prisma.parentAccount.count({ where: { status: "RESET" } }),
    prisma.studentContactLoginKey.count({ where: { resetAt: { not: null } } }),
    prisma.parentLoginReset.count(),
    prisma.emailOutbox.count(),
    prisma.auditEvent.findMany({ where: { action: "parent.reset" } }),
  ]);
  return { accounts, rows, followUps, mails, events };
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await seedDistrict(admin);
  staffUserId = (await prisma.staffUser.create({ data: { email: "admin@district.org", name: "Admin", role: "SITE_ADMIN", passwordHash: "x" } })).id;
  expect(await prisma.studentContact.count()).toBe(ROWS);
});
afterAll(async () => {
  await admin.end();
});

describe("kill -9 during a 10,000-row bulk reset", () => {
  it("leaves none of it, and running it again does all of it, with an audit event that agrees", { timeout: 300_000 }, async () => {
    const hold = await holdTable(databaseUrl, "AuditEvent");
    const victim = spawnTsx("tests/helpers/bulk-reset-child.ts", [String(staffUserId)], { DATABASE_URL: withApplicationName(databaseUrl, CHILD) });
    try {
      await waitFor(async () => victim.child.exitCode !== null || (await isWaitingOnTable(admin, CHILD, "AuditEvent")), "the reset to reach its audit event", 150_000);
      expect(victim.child.exitCode, victim.output()).toBeNull();
      // Its writes are there, uncommitted: the reset's own transaction sees them, nobody else does.
      expect((await resetState()).accounts).toBe(0);
      victim.child.kill("SIGKILL");
      expect(await victim.exited).toBeNull();
    } finally {
      victim.child.kill("SIGKILL");
      await hold.release();
    }
    // PostgreSQL rolls the transaction back when it notices the connection is gone.
    await waitFor(async () => !(await hasSessions(admin, CHILD)), "the killed reset's session to end");
    expect(await resetState()).toEqual({ accounts: 0, rows: 0, followUps: 0, mails: 0, events: [] });

    // The same reset again, uninterrupted (in this process: there is nothing to kill this time).
    const links = await prisma.studentContact.findMany({ select: { id: true } });
    const outcome = await resetParentLogins({ linkIds: links.map((link) => link.id), actor: { staffUserId, label: "fault test", ip: "127.0.0.1" } });
    expect(outcome).toMatchObject({ resetRows: ROWS, resetLogins: ROWS, alreadyReset: 0, emailsQueued: ROWS });
    const after = await resetState();
    expect(after).toMatchObject({ accounts: ROWS, rows: ROWS, followUps: ROWS, mails: ROWS });
    expect(after.events).toHaveLength(1);
    const details = after.events[0]!.details as { resetRows: number; resetAccountIds: number[]; linkIds: number[] };
    expect(details.resetRows).toBe(ROWS);
    const resetLinkIds = (await prisma.studentContactLoginKey.findMany({ where: { resetAt: { not: null } }, select: { id: true } })).map((link) => link.id);
    expect([...details.linkIds].sort((a, b) => a - b)).toEqual(resetLinkIds.sort((a, b) => a - b));
    expect(new Set(details.resetAccountIds).size).toBe(ROWS);
  });
});
