// The import's rules that protect families: student-ID sources, row errors with their lines,
// the removal guard, e-mail changes under a working login, logins surviving imports,
// re-registration on imported records, and the grace period before a login is disabled.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { findContactByIdentity } from "@/lib/accounts/find-contact-by-identity";
import { registerParent } from "@/lib/accounts/register-parent";
import { createAuthSession } from "@/lib/auth/auth-session-store";
import { disableRemovedContactLogins } from "@/lib/roster/disable-removed-logins";
import { hashSecret } from "@/lib/security/password-hash";
import { removeScratchDirs } from "../helpers/roster-fixtures";
import { DEFAULT_ORGS, family, runImport, writeV11Package, type TestUser } from "../helpers/roster-packages";

afterAll(removeScratchDirs);

async function settings(data: { rosterStudentIdSource?: string; rosterRemovalGuardPercent?: number; rosterRemovalGraceDays?: number }) {
  await prisma.districtSettings.upsert({
    where: { id: 1 },
    create: { id: 1, districtName: "Springfield USD", supportPhone: "555-0100", supportEmail: "help@springfield.example.org", senderAddress: "no-reply@springfield.example.org", ...data },
    update: data,
  });
}

beforeEach(async () => {
  await prisma.authSession.deleteMany();
  await prisma.parentAccount.deleteMany();
  await prisma.studentContact.deleteMany();
  await prisma.student.deleteMany();
  await prisma.contact.deleteMany();
  await prisma.school.deleteMany();
  await prisma.emailOutbox.deleteMany();
  await prisma.auditEvent.deleteMany();
  await prisma.rateLimitBucket.deleteMany();
  await prisma.districtSettings.deleteMany();
  await settings({});
});

describe("the student ID number comes from the district's setting", () => {
  const student: TestUser = { id: "S-77", role: "student", given: "Ana", family: "Ruiz", identifier: "0042", userIds: "{LDAP:ana},{Local:00863}", studentNumber: "SN-9" };
  it.each([
    ["identifier", "0042"],
    ["sourcedId", "S-77"],
    ["userIds:Local", "00863"],
    ["metadata.studentNumber", "SN-9"],
  ])("%s", async (source, expected) => {
    await settings({ rosterStudentIdSource: source });
    const result = await runImport(await writeV11Package({ users: [student] }));
    expect(result.outcome).toBe("applied");
    expect((await prisma.student.findFirstOrThrow()).studentNumber).toBe(expected);
  });
});

describe("rows that need the whole roster to check", () => {
  it("reject only that row, with file, line, column and a plain reason", async () => {
    await runImport(await writeV11Package({ users: [{ id: "old", role: "student", given: "Old", family: "Kid", identifier: "5000" }] }), {
      confirmRemovals: true,
    });
    const result = await runImport(
      await writeV11Package({
        users: [
          { id: "old", role: "student", given: "Old", family: "Kid", identifier: "5000" },
          { id: "a", role: "student", given: "A", family: "Kid", identifier: "1000", agents: ["p", "ghost"] }, // line 3
          { id: "b", role: "student", given: "B", family: "Kid", identifier: "1000" }, // line 4: same number as line 3
          { id: "c", role: "student", given: "C", family: "Kid", identifier: "2000", orgs: ["d1"] }, // line 5: a district, no school
          { id: "d", role: "student", given: "D", family: "Kid", identifier: "5000" }, // line 6: number stored for "old"
          { id: "p", role: "parent", given: "P", family: "Kid", agents: ["a", "t"] }, // t is a teacher: not a family link, no error
          { id: "t", role: "teacher", given: "T", family: "Teacher" },
        ],
      }),
    );
    expect(result.outcome).toBe("applied");
    const rowErrors = result.report.outcome === "read" ? result.report.rowErrors : [];
    expect(rowErrors.map(({ file, line, column }) => ({ file, line, column }))).toEqual(
      expect.arrayContaining([
        { file: "users.csv", line: 3, column: "agentSourcedIds" },
        { file: "users.csv", line: 4, column: "identifier" },
        { file: "users.csv", line: 5, column: "orgSourcedIds" },
        { file: "users.csv", line: 6, column: "identifier" },
      ]),
    );
    expect(rowErrors).toHaveLength(4);
    expect(rowErrors.find((issue) => issue.line === 4)?.reason).toMatch(/already on line 3/);
    expect(rowErrors.find((issue) => issue.line === 3)?.reason).toMatch(/"ghost"/);
    expect(result.summary?.rejected).toBe(4);
    expect((await prisma.student.findMany({ orderBy: { sourcedId: "asc" } })).map((s) => s.sourcedId)).toEqual(["a", "old"]);
    expect(await prisma.studentContact.count()).toBe(1);
  });

  it("student ID numbers that differ only in case are one number: the later row is rejected, and stored ones prove nothing", async () => {
    const result = await runImport(
      await writeV11Package({
        users: [
          { id: "a", role: "student", given: "A", family: "Kid", identifier: "ab-100", agents: ["p"] }, // line 2
          { id: "b", role: "student", given: "B", family: "Kid", identifier: "AB-100" }, // line 3
          { id: "p", role: "parent", given: "Pat", family: "Kid", email: "pat@example.com" },
        ],
      }),
    );
    const rowErrors = result.report.outcome === "read" ? result.report.rowErrors : [];
    expect(rowErrors.map(({ line, column }) => ({ line, column }))).toEqual([{ line: 3, column: "identifier" }]);
    expect(rowErrors[0]?.reason).toMatch(/already on line 2/);
    // Stored before this rule (or typed into the SIS later): the parent's typed ID cannot tell
    // the two students apart, so registration finds no one rather than maybe the wrong child.
    const school = await prisma.school.findFirstOrThrow();
    await prisma.student.create({ data: { studentNumber: "AB-100", firstName: "B", lastName: "Kid", grade: "3", schoolId: school.id } });
    const form = { username: "pat.kid", studentIds: ["ab-100"], firstName: "Pat", lastName: "Kid" };
    expect(await findContactByIdentity(form)).toEqual({ ok: false, reason: "ambiguous" });
    expect(await registerParent(form, { ip: "203.0.113.9" }, { minimumMs: 0 })).toEqual({ status: "no_match" });
    await prisma.student.deleteMany({ where: { studentNumber: "AB-100" } });
    expect(await registerParent(form, { ip: "203.0.113.9" }, { minimumMs: 0 })).toMatchObject({ status: "registered" });
  });

  it("a bulk file's rejected row does not remove what it stands for", async () => {
    const users = family("f1", "100");
    await runImport(await writeV11Package({ users }));
    const broken = users.map((user) => (user.role === "student" ? { ...user, orgs: ["nowhere"] } : user));
    const result = await runImport(await writeV11Package({ users: broken }));
    expect(result.summary).toMatchObject({ rejected: 1, students: { removed: 0 }, links: { removed: 0 } });
    expect((await prisma.student.findFirstOrThrow()).removedAt).toBeNull();
    // Its links were listed from the student's side only: a rejected row restates nothing.
    expect(await prisma.studentContact.count({ where: { removedAt: null } })).toBe(2);
  });

  it("keeps control characters out of the records and the report, and takes one e-mail address or none", async () => {
    const result = await runImport(
      await writeV11Package({
        users: [
          { id: "s1", role: "student", given: "Ana", family: "Ruiz", identifier: "0042", agents: ["p1", "p2"] },
          { id: "p1", role: "parent", given: "Ma\u0000ría", family: "Ruiz", email: "maria@district.org, maria@example.com", language: "\u001b]0;x\u0007es" },
          { id: "p2", role: "parent", given: "Jo\u001bsé", family: "Ruiz", email: "jose@example.com" },
        ],
      }),
    );
    expect(result.outcome).toBe("applied");
    const contacts = await prisma.contact.findMany({ orderBy: { sourcedId: "asc" } });
    expect(contacts.map((c) => [c.firstName, c.email])).toEqual([
      ["María", null],
      ["José", "jose@example.com"],
    ]);
    const warnings = result.report.outcome === "read" ? result.report.warnings : [];
    expect(warnings.map((w) => w.column)).toEqual(expect.arrayContaining(["email", "metadata.language"]));
    expect(JSON.stringify(result.report)).not.toMatch(/\\u00(00|1b|07)/);
  });
});

describe("the removal guard", () => {
  const district = Array.from({ length: 20 }, (_, i) => family(`f${i}`, String(1000 + i), 1)).flat();

  it("stops a bulk import that would remove more than the share allowed, until confirmed", async () => {
    await runImport(await writeV11Package({ users: district }));
    const partial = district.filter((user) => !/^f(0|1|2)-/.test(user.id)); // 3 of 20 families: 15%
    const stopped = await runImport(await writeV11Package({ users: partial }));
    expect(stopped.outcome).toBe("needs-confirmation");
    expect(stopped.summary?.removalGuard).toMatchObject({ limitPercent: 10, exceeded: true, students: { active: 20, removing: 3, percent: 15 } });
    expect(await prisma.student.count({ where: { removedAt: { not: null } } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: "roster.import.needs-confirmation" } })).toBe(1);

    const confirmed = await runImport(await writeV11Package({ users: partial }), { confirmRemovals: true });
    expect(confirmed.outcome).toBe("applied");
    expect(await prisma.student.count({ where: { removedAt: { not: null } } })).toBe(3);
    expect(await prisma.contact.count({ where: { removedAt: { not: null } } })).toBe(3);
  });

  it("guards a delta too: one that marks too many students tobedeleted waits for confirmation", async () => {
    await runImport(await writeV11Package({ users: district }));
    const leaving = district.filter((user) => /^f(0|1|2)-s$/.test(user.id)).map((user) => ({ ...user, status: "tobedeleted" }));
    const stopped = await runImport(await writeV11Package({ usersMode: "delta", users: leaving }));
    expect(stopped.outcome).toBe("needs-confirmation");
    expect(stopped.summary?.removalGuard.students).toEqual({ active: 20, removing: 3, percent: 15 });
    expect(await prisma.student.count({ where: { removedAt: { not: null } } })).toBe(0);
    expect((await runImport(await writeV11Package({ usersMode: "delta", users: leaving }), { confirmRemovals: true })).outcome).toBe("applied");
    expect(await prisma.student.count({ where: { removedAt: { not: null } } })).toBe(3);
  });

  it("counts parent-child links: a bulk file that keeps every person but drops many links waits for confirmation", async () => {
    await runImport(await writeV11Package({ users: district }));
    const unlinked = district.map((user) => (/^f(0|1|2)-s$/.test(user.id) ? { ...user, agents: [] } : user));
    const stopped = await runImport(await writeV11Package({ users: unlinked }));
    expect(stopped.outcome).toBe("needs-confirmation");
    expect(stopped.summary?.removalGuard).toMatchObject({ exceeded: true, students: { removing: 0 }, contacts: { removing: 0 }, links: { active: 20, removing: 3, percent: 15 } });
    expect(await prisma.studentContact.count({ where: { removedAt: null } })).toBe(20);
  });

  it("lets a removal under the share through, and follows the district's setting", async () => {
    await runImport(await writeV11Package({ users: district }));
    const oneGone = district.filter((user) => !user.id.startsWith("f0-"));
    expect((await runImport(await writeV11Package({ users: oneGone }), { dryRun: true })).outcome).toBe("dry-run");
    await settings({ rosterRemovalGuardPercent: 4 });
    expect((await runImport(await writeV11Package({ users: oneGone }))).outcome).toBe("needs-confirmation");
  });
});

async function withLogin(contactSourcedId: string, status: "ACTIVE" | "RESET" = "ACTIVE") {
  const contact = await prisma.contact.findFirstOrThrow({ where: { sourcedId: contactSourcedId } });
  return prisma.parentAccount.create({
    data: {
      contactId: contact.id,
      username: `user-${contactSourcedId}`,
      usernameKey: `user-${contactSourcedId}`,
      status,
      passwordHash: status === "ACTIVE" ? await hashSecret("Correct horse 1") : null,
    },
  });
}

describe("e-mail changed by the SIS under a working login", () => {
  it("is audited and announced to the old and the new address; a reset login gets no notice", async () => {
    const users = family("f1", "100");
    await runImport(await writeV11Package({ users }));
    await withLogin("f1-p0");
    await withLogin("f1-p1", "RESET");
    const changed = users.map((user) => (user.role === "parent" ? { ...user, email: `${user.id}@new.example.com` } : user));
    const result = await runImport(await writeV11Package({ users: changed }));
    expect(result.summary).toMatchObject({ emailChanges: 1, contacts: { changed: 2 } });
    const mail = await prisma.emailOutbox.findMany({ orderBy: { toAddress: "asc" } });
    expect(mail.map((row) => [row.toAddress, row.template])).toEqual([
      ["f1-p0@new.example.com", "contact-email-changed"],
      ["f1.0@example.com", "contact-email-changed"],
    ]);
    expect(mail[0]?.params).toMatchObject({ username: "user-f1-p0", newAddressHint: "f***@new.example.com" });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "roster.contact-email-change" } });
    expect(event.details).toMatchObject({ oldEmail: "f1.0@example.com", newEmail: "f1-p0@new.example.com" });
    expect(event.contactIds).toHaveLength(1);
  });

  it("an address first cleared and then set is audited and announced both times", async () => {
    const users = family("f1", "100", 1);
    await runImport(await writeV11Package({ users }));
    await withLogin("f1-p0");
    const cleared = users.map((user) => (user.role === "parent" ? { ...user, email: undefined } : user));
    expect((await runImport(await writeV11Package({ users: cleared }))).summary?.emailChanges).toBe(1);
    const set = users.map((user) => (user.role === "parent" ? { ...user, email: "someone@else.example.com" } : user));
    expect((await runImport(await writeV11Package({ users: set }))).summary?.emailChanges).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "roster.contact-email-change" } })).toBe(2);
    expect((await prisma.emailOutbox.findMany()).map((row) => row.toAddress).sort()).toEqual(["f1.0@example.com", "someone@else.example.com"]);
  });
});

describe("parent logins and imports", () => {
  it("survive every import with their status and history; the contact's record changes around them", async () => {
    const users = family("f1", "100");
    await runImport(await writeV11Package({ users }));
    const active = await withLogin("f1-p0");
    const reset = await withLogin("f1-p1", "RESET");
    const resetLink = await prisma.studentContact.findFirstOrThrow({ where: { contactId: reset.contactId } });
    const resetAt = new Date("2026-11-01T00:00:00Z");
    await prisma.studentContactLoginKey.update({ where: { id: resetLink.id }, data: { resetAt } });
    await prisma.auditEvent.create({ data: { actorType: "STAFF", action: "parent.reset", contactIds: [reset.contactId] } });

    const renamed = users.map((user) => (user.id === "f1-p1" ? { ...user, given: "Renamed" } : user));
    await runImport(await writeV11Package({ users: renamed }));
    await runImport(await writeV11Package({ users: renamed, usersMode: "bulk" }));
    expect(await prisma.parentAccount.findUniqueOrThrow({ where: { id: active.id } })).toMatchObject({ status: "ACTIVE", passwordHash: active.passwordHash });
    expect(await prisma.parentAccount.findUniqueOrThrow({ where: { id: reset.id } })).toMatchObject({ status: "RESET", contactId: reset.contactId });
    expect((await prisma.studentContactLoginKey.findUniqueOrThrow({ where: { id: resetLink.id } })).resetAt).toEqual(resetAt);
    expect(await prisma.auditEvent.count({ where: { action: "parent.reset" } })).toBe(1);
  });

  it("an imported contact re-registers with the child's ID and the names as the SIS has them; a removed one cannot", async () => {
    const users: TestUser[] = [
      { id: "s1", role: "student", given: "Mateo", family: "García", identifier: "004211", agents: ["m1", "m2"] },
      { id: "m1", role: "parent", given: "Lucía", family: "García", email: "lucia@example.com" },
      { id: "m2", role: "guardian", given: "Rosa", family: "García", email: "rosa@example.com" },
    ];
    await runImport(await writeV11Package({ users, orgs: DEFAULT_ORGS }));
    const form = { username: "lucia.g", studentIds: ["004211"], firstName: "lucía", lastName: "GARCÍA" };
    expect(await registerParent(form, { ip: "203.0.113.9" }, { minimumMs: 0 })).toMatchObject({ status: "registered" });

    await runImport(await writeV11Package({ usersMode: "delta", users: [{ ...users[2]!, status: "tobedeleted" }] }), { confirmRemovals: true });
    const removed = { username: "rosa.g", studentIds: ["004211"], firstName: "Rosa", lastName: "García" };
    expect(await registerParent(removed, { ip: "203.0.113.9" }, { minimumMs: 0 })).toEqual({ status: "no_match" });
  });
});

describe("the grace period of a removed contact's login", () => {
  const DAY = 86_400_000;

  it("keeps the login working during the grace period, then disables it (RESET, sessions ended)", async () => {
    const users = family("f1", "100", 1);
    await runImport(await writeV11Package({ users }));
    const account = await withLogin("f1-p0");
    await createAuthSession({ parentAccountId: account.id }, {});
    await runImport(await writeV11Package({ usersMode: "delta", users: [{ ...users[1]!, status: "tobedeleted" }] }), { confirmRemovals: true });

    expect(await disableRemovedContactLogins(new Date(Date.now() + 29 * DAY))).toEqual({ disabled: 0 });
    expect(await prisma.parentAccount.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({ status: "ACTIVE", disabledAt: null });

    expect(await disableRemovedContactLogins(new Date(Date.now() + 31 * DAY))).toEqual({ disabled: 1 });
    expect(await prisma.parentAccount.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({ status: "RESET", passwordHash: null });
    expect((await prisma.parentAccount.findUniqueOrThrow({ where: { id: account.id } })).disabledAt).not.toBeNull();
    expect(await prisma.authSession.count()).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: "parent.login.disabled", contactIds: { has: account.contactId } } })).toBe(1);
  });

  it("a contact back in the roster within the grace period keeps its login", async () => {
    const users = family("f1", "100", 1);
    await runImport(await writeV11Package({ users }));
    const account = await withLogin("f1-p0");
    await runImport(await writeV11Package({ usersMode: "delta", users: [{ ...users[1]!, status: "tobedeleted" }] }), { confirmRemovals: true });
    await runImport(await writeV11Package({ usersMode: "delta", users: [{ ...users[1]!, agents: ["f1-s"], status: "active" }] }));
    expect(await disableRemovedContactLogins(new Date(Date.now() + 60 * DAY))).toEqual({ disabled: 0 });
    expect(await prisma.parentAccount.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({ status: "ACTIVE", disabledAt: null });
  });
});
