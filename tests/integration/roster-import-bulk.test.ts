// Bulk OneRoster packages into real PostgreSQL: every version, links from both sides, exact
// re-import, dry run and structural failure. Fixtures: tests/fixtures/oneroster.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { FIXTURES, fixtureCopy, removeScratchDirs } from "../helpers/roster-fixtures";
import { runImport } from "../helpers/roster-packages";

afterAll(removeScratchDirs);

async function clearRoster() {
  await prisma.studentContact.deleteMany();
  await prisma.student.deleteMany();
  await prisma.contact.deleteMany();
  await prisma.school.deleteMany();
  await prisma.auditEvent.deleteMany();
  await prisma.districtSettings.deleteMany();
}
beforeEach(clearRoster);

async function linkTable() {
  const links = await prisma.studentContact.findMany({ include: { student: true, contact: true } });
  return links
    .map((link) => ({
      student: link.student.sourcedId,
      contact: link.contact.sourcedId,
      relationship: link.relationship,
      parentKey: link.parentKey,
      byStudent: link.listedByStudent,
      byContact: link.listedByContact,
      removed: link.removedAt !== null,
    }))
    .sort((a, b) => `${a.student}${a.contact}`.localeCompare(`${b.student}${b.contact}`));
}

/** Row versions (xmin) of every roster row: unchanged xmin means the row was not written. */
async function rowVersions() {
  return prisma.$queryRaw<{ t: string; id: number; v: string }[]>`
    SELECT 'school' AS t, id, xmin::text AS v FROM "School"
    UNION ALL SELECT 'student', id, xmin::text FROM "Student"
    UNION ALL SELECT 'contact', id, xmin::text FROM "Contact"
    UNION ALL SELECT 'link', id, xmin::text FROM "StudentContact" ORDER BY 1, 2`;
}

describe("a OneRoster 1.1 bulk package", () => {
  it("brings in schools, students, contacts and the links from both sides, de-duplicated", async () => {
    const result = await runImport(path.join(FIXTURES, "v1p1-bulk"));
    expect(result.outcome).toBe("applied");
    expect(result.summary).toMatchObject({
      version: "1.1",
      schools: { added: 2 },
      students: { added: 2 },
      contacts: { added: 3 },
      links: { added: 4 },
      rejected: 0,
    });

    const schools = await prisma.school.findMany({ orderBy: { sourcedId: "asc" } });
    expect(schools.map((school) => [school.sourcedId, school.name, school.code])).toEqual([
      ["sch-1", "Springfield Elementary", "SE-01"],
      ["sch-2", "Shelbyville High, East", null],
    ]);
    const students = await prisma.student.findMany({ orderBy: { sourcedId: "asc" }, include: { school: true } });
    expect(students.map((s) => [s.sourcedId, s.studentNumber, s.firstName, s.grade, s.school.sourcedId])).toEqual([
      ["s-100", "000123", "Bart", "04", "sch-1"],
      ["s-101", "000124", "Lisa", "02", "sch-1"],
    ]);
    const contacts = await prisma.contact.findMany({ orderBy: { sourcedId: "asc" } });
    expect(contacts.map((c) => [c.sourcedId, c.firstName, c.email, c.phone, c.rosterRole])).toEqual([
      ["p-200", "Marge", "marge@example.org", "555-0100", "parent"],
      ["p-201", "Homer", null, null, "guardian"],
      ["p-202", "Abraham", null, null, "relative"],
    ]);
    // The teacher is not a contact, and the student -> p-201 and p-201 -> student claims make one link.
    expect(await linkTable()).toEqual([
      { student: "s-100", contact: "p-200", relationship: "Parent", parentKey: "simpson\u0001marge", byStudent: true, byContact: true, removed: false },
      { student: "s-100", contact: "p-201", relationship: "Guardian", parentKey: "simpson\u0001homer", byStudent: true, byContact: true, removed: false },
      { student: "s-101", contact: "p-201", relationship: "Guardian", parentKey: "simpson\u0001homer", byStudent: false, byContact: true, removed: false },
      { student: "s-101", contact: "p-202", relationship: "Relative", parentKey: "simpson\u0001abraham", byStudent: false, byContact: true, removed: false },
    ]);
    // password columns are never read into storage.
    expect(JSON.stringify(await prisma.contact.findMany())).not.toContain("hunter2");
    expect(JSON.stringify(await prisma.student.findMany())).not.toContain("secret1");
  });

  it("imported again, writes nothing at all and reports every row unchanged", async () => {
    const source = path.join(FIXTURES, "v1p1-bulk");
    await runImport(source);
    const before = await rowVersions();
    const again = await runImport(source);
    expect(again.outcome).toBe("applied");
    expect(again.summary).toMatchObject({
      schools: { added: 0, changed: 0, removed: 0, restored: 0, unchanged: 2 },
      students: { added: 0, changed: 0, removed: 0, restored: 0, unchanged: 2 },
      contacts: { added: 0, changed: 0, removed: 0, restored: 0, unchanged: 3 },
      links: { added: 0, changed: 0, removed: 0, restored: 0, unchanged: 4 },
    });
    expect(await rowVersions()).toEqual(before);
  });

  it("a dry run changes nothing, says what Apply will do, and is audited", async () => {
    const source = path.join(FIXTURES, "v1p1-bulk");
    const dry = await runImport(source, { dryRun: true, fileName: "roster.zip", importId: 7 });
    expect(dry.outcome).toBe("dry-run");
    expect(dry.summary?.examples.added).toContain("Student 000123 Bart Simpson");
    expect(await prisma.student.count()).toBe(0);
    expect(await prisma.school.count()).toBe(0);
    const events = await prisma.auditEvent.findMany({ where: { action: { startsWith: "roster.import" } } });
    expect(events.map((event) => event.action)).toEqual(["roster.import.dry-run"]);
    expect(events[0]?.details).toMatchObject({ importId: 7, fileName: "roster.zip", students: { added: 2 } });

    const applied = await runImport(source);
    expect(applied.summary?.students).toEqual(dry.summary?.students);
    expect(applied.summary?.links).toEqual(dry.summary?.links);
    expect(await prisma.auditEvent.count({ where: { action: "roster.import" } })).toBe(1);
  });
});

describe("a first import into empty tables", () => {
  it("loads with indexes and foreign keys rebuilt after the load, leaving them as the migrations made them", async () => {
    const schema = () => prisma.$queryRaw<{ d: string }[]>`
      SELECT indexdef AS d FROM pg_indexes WHERE schemaname = current_schema()
      UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f'
      ORDER BY 1`;
    const before = await schema();
    expect(before.some((row) => row.d.includes("StudentContact_nameKey_id_idx") && row.d.includes('"removedAt" IS NULL'))).toBe(true);
    await runImport(path.join(FIXTURES, "v1p1-bulk"), { dryRun: true });
    expect(await schema()).toEqual(before);
    await runImport(path.join(FIXTURES, "v1p1-bulk"));
    expect(await schema()).toEqual(before);
    // The rebuilt unique index still refuses a second link between the same two people.
    const link = await prisma.studentContact.findFirstOrThrow();
    await expect(prisma.studentContact.create({ data: { ...link, id: undefined } })).rejects.toThrow();
  });
});

describe("OneRoster 1.2 and 1.2.1 bulk packages", () => {
  it("1.2: takes each user's kind and orgs from roles.csv, and the relationship and language metadata", async () => {
    const result = await runImport(path.join(FIXTURES, "v1p2-bulk"));
    expect(result).toMatchObject({ outcome: "applied", summary: { version: "1.2", students: { added: 1 }, contacts: { added: 2 } } });
    const contacts = await prisma.contact.findMany({ orderBy: { sourcedId: "asc" } });
    expect(contacts.map((c) => [c.sourcedId, c.rosterRole, c.preferredLocale])).toEqual([
      ["p-200", "parent", "es"],
      ["p-201", "guardian", "vi"],
    ]);
    expect((await linkTable()).map((link) => [link.contact, link.relationship])).toEqual([
      ["p-200", "Mother"],
      ["p-201", "Father"],
    ]);
    expect((await prisma.student.findFirstOrThrow()).studentNumber).toBe("000123");
  });

  it("1.2.1: told apart by its users.csv header, with the ID number from a metadata column", async () => {
    await prisma.districtSettings.create({
      data: { id: 1, districtName: "D", supportPhone: "1", supportEmail: "a@b.c", senderAddress: "n@b.c", rosterStudentIdSource: "metadata.studentNumber" },
    });
    const result = await runImport(path.join(FIXTURES, "v1p2p1-bulk"));
    expect(result).toMatchObject({ outcome: "applied", summary: { version: "1.2.1" } });
    expect((await prisma.student.findFirstOrThrow()).studentNumber).toBe("00042");
    expect((await linkTable()).map((link) => [link.contact, link.relationship])).toEqual([["p-200", "Relative"]]);
  });
});

describe("a 1.2 bulk file where a user is leaving", () => {
  it("removes a student whose users row and roles are tobedeleted (the kind comes from the earlier import)", async () => {
    await runImport(path.join(FIXTURES, "v1p2-bulk"));
    const users = await readFile(path.join(FIXTURES, "v1p2-bulk", "users.csv"), "utf8");
    const roles = await readFile(path.join(FIXTURES, "v1p2-bulk", "roles.csv"), "utf8");
    const dir = await fixtureCopy("v1p2-bulk", {
      "users.csv": users.replace("s-100,,,", "s-100,tobedeleted,2026-11-20T10:00:00.000Z,"),
      "roles.csv": roles.replace("r1,,,", "r1,tobedeleted,2026-11-20T10:00:00.000Z,"),
    });
    // One of one student leaving is over the removal guard's share: confirmed here.
    const result = await runImport(dir, { confirmRemovals: true });
    expect(result).toMatchObject({ outcome: "applied", summary: { students: { removed: 1 }, rejected: 0 } });
    expect((await prisma.student.findFirstOrThrow()).removedAt).not.toBeNull();
    expect(await prisma.studentContact.count({ where: { removedAt: null } })).toBe(0);
  });
});

describe("a package that cannot be imported", () => {
  it("fails with one clear message before anything changes, and the failure is audited", async () => {
    const source = await fixtureCopy("v1p1-bulk", { "users.csv": null });
    const result = await runImport(source);
    expect(result.outcome).toBe("failed");
    expect(result.outcome === "failed" && result.message).toMatch(/users\.csv/);
    expect(result.report.outcome).toBe("structural-error");
    expect(await prisma.school.count()).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: "roster.import.failed" } })).toBe(1);
  });
});
