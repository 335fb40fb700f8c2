// A bulk import re-plans only the links of users whose row may change them (added, removed or
// restored records, renamed contacts, a new links digest: kind, relationship, agentSourcedIds),
// and must end exactly where planning every link would: these are the cases where a shortcut
// could go wrong.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { removeScratchDirs } from "../helpers/roster-fixtures";
import { family, runImport, writeV11Package, type TestUser } from "../helpers/roster-packages";

afterAll(removeScratchDirs);

beforeEach(async () => {
  await prisma.studentContact.deleteMany();
  await prisma.student.deleteMany();
  await prisma.contact.deleteMany();
  await prisma.school.deleteMany();
  await prisma.districtSettings.deleteMany();
});

async function links() {
  const rows = await prisma.studentContact.findMany({ include: { student: true, contact: true } });
  return rows
    .map((link) => ({
      pair: `${link.student.sourcedId}/${link.contact.sourcedId}`,
      relationship: link.relationship,
      byStudent: link.listedByStudent,
      byContact: link.listedByContact,
      removed: link.removedAt !== null,
    }))
    .sort((a, b) => a.pair.localeCompare(b.pair));
}

async function linkVersions(): Promise<Map<string, string>> {
  const rows = await prisma.$queryRaw<{ pair: string; v: string }[]>`
    SELECT st."sourcedId" || '/' || k."sourcedId" AS pair, sc.xmin::text AS v
    FROM "StudentContact" sc JOIN "Student" st ON st.id = sc."studentId" JOIN "Contact" k ON k.id = sc."contactId"`;
  return new Map(rows.map((row) => [row.pair, row.v]));
}

const withAgents = (users: TestUser[], id: string, agents: string[]) => users.map((user) => (user.id === id ? { ...user, agents } : user));

describe("a bulk import plans the links of the users whose rows may change them", () => {
  it("re-plans one student's links when its agentSourcedIds change, and leaves every other link unwritten", async () => {
    const roster = [...family("a", "1001"), ...family("b", "1002"), { id: "c-p", role: "relative" as const, given: "Cy", family: "Other", agents: ["b-s"] }];
    expect((await runImport(await writeV11Package({ users: roster }))).summary?.links).toMatchObject({ added: 5 });
    const before = await linkVersions();

    // One link of five is over the removal guard's share: confirmed, as a site admin would.
    const result = await runImport(await writeV11Package({ users: withAgents(roster, "a-s", ["a-p0"]) }), { confirmRemovals: true });

    expect(result.summary?.links).toEqual({ added: 0, changed: 0, removed: 1, restored: 0, unchanged: 4 });
    expect((await links()).map(({ pair, byStudent, byContact, removed }) => [pair, byStudent, byContact, removed])).toEqual([
      ["a-s/a-p0", true, false, false],
      ["a-s/a-p1", false, false, true],
      ["b-s/b-p0", true, false, false],
      ["b-s/b-p1", true, false, false],
      ["b-s/c-p", false, true, false],
    ]);
    const after = await linkVersions();
    for (const pair of ["a-s/a-p0", "b-s/b-p0", "b-s/b-p1", "b-s/c-p"]) expect(after.get(pair)).toBe(before.get(pair));
  });

  it("reports as dangling only the ids that name nobody: not users further down, rejected rows, stored records or teachers", async () => {
    // Stored before: a contact the next file does not carry (a delta keeps it).
    await runImport(await writeV11Package({ users: [{ id: "p-stored", role: "parent", given: "Sal", family: "Stored" }] }));
    const delta = await runImport(
      await writeV11Package({
        usersMode: "delta",
        users: [
          { id: "s-1", role: "student", given: "Ann", family: "Early", identifier: "3001", status: "active", agents: ["p-below", "p-stored", "p-broken", "t-1", "ghost-1"] },
          // A row the reader rejects (no given name): its id is known, so naming it is no dangling id.
          { id: "p-broken", role: "parent", given: "", family: "Broken", status: "active" },
          { id: "t-1", role: "teacher", given: "Tia", family: "Teacher", status: "active" },
          { id: "p-below", role: "parent", given: "Bo", family: "Below", status: "active", agents: ["s-1", "ghost-2"] },
          // A removed row's links are not claimed: its dangling id is not looked at.
          { id: "p-gone", role: "parent", given: "Gil", family: "Gone", status: "tobedeleted", agents: ["ghost-3"] },
        ],
      }),
    );
    const reasons = delta.report.outcome === "read" ? delta.report.rowErrors.map((e) => [e.line, e.reason]).sort((a, b) => Number(a[0]) - Number(b[0])) : [];
    expect(reasons).toEqual([
      [2, '"ghost-1" is no user in this package or an earlier import: that link is skipped.'],
      [3, "givenName is required and is empty."],
      [5, '"ghost-2" is no user in this package or an earlier import: that link is skipped.'],
    ]);
    expect((await links()).map(({ pair }) => pair)).toEqual(["s-1/p-below", "s-1/p-stored"]);
  });

  it("gives a record added now the links that unchanged rows already claimed for it, from either side", async () => {
    const roster: TestUser[] = [
      { id: "s-1", role: "student", given: "Ann", family: "Early", identifier: "2001", agents: ["p-late"] },
      { id: "p-1", role: "parent", given: "Bo", family: "Early", agents: ["s-late"] },
    ];
    const first = await runImport(await writeV11Package({ users: roster }));
    expect(first.summary?.links.added).toBe(0);
    expect(first.report.outcome === "read" && first.report.rowErrors.map((e) => e.reason)).toEqual([
      '"p-late" is no user in this package or an earlier import: that link is skipped.',
      '"s-late" is no user in this package or an earlier import: that link is skipped.',
    ]);

    const late: TestUser[] = [
      { id: "s-late", role: "student", given: "Cal", family: "Late", identifier: "2002" },
      { id: "p-late", role: "parent", given: "Di", family: "Late" },
    ];
    const second = await runImport(await writeV11Package({ users: [...roster, ...late] }));

    expect(second.summary?.links).toMatchObject({ added: 2, removed: 0 });
    expect((await links()).map(({ pair, byStudent, byContact, removed }) => [pair, byStudent, byContact, removed])).toEqual([
      ["s-1/p-late", true, false, false],
      ["s-late/p-1", false, true, false],
    ]);
  });

  it("re-plans a contact's links when only its relationship changes", async () => {
    const roster = family("r", "3001", 1);
    await runImport(await writeV11Package({ users: roster }));
    const renamed = roster.map((user) => (user.id === "r-p0" ? { ...user, relationship: "Aunt" } : user));

    const result = await runImport(await writeV11Package({ users: renamed }));

    expect(result.summary?.links).toMatchObject({ changed: 1, unchanged: 0 });
    expect((await links()).map(({ pair, relationship }) => [pair, relationship])).toEqual([["r-s/r-p0", "Aunt"]]);
  });

  it("re-plans every link of records stored before the links digest existed", async () => {
    const roster = family("u", "4001");
    await runImport(await writeV11Package({ users: roster }));
    // As an upgrade leaves them: no digest, and a link whose flags an older version left behind.
    await prisma.student.updateMany({ data: { rosterLinksDigest: null } });
    await prisma.contact.updateMany({ data: { rosterLinksDigest: null } });
    await prisma.studentContact.updateMany({ where: { contact: { sourcedId: "u-p1" } }, data: { listedByStudent: false, listedByContact: true } });

    const result = await runImport(await writeV11Package({ users: roster }));

    expect(result.summary?.links).toMatchObject({ changed: 0, unchanged: 2 });
    expect((await links()).map(({ pair, byStudent, byContact }) => [pair, byStudent, byContact])).toEqual([
      ["u-s/u-p0", true, false],
      ["u-s/u-p1", true, false],
    ]);
    const digests = await prisma.contact.findMany({ select: { rosterLinksDigest: true } });
    expect(digests.every((row) => row.rosterLinksDigest !== null)).toBe(true);
    // The flags were written back although the link's state (active, key, relationship) did not change.
    expect(await prisma.studentContact.count({ where: { listedByContact: true } })).toBe(0);
  });
});

describe("the first links a district imports", () => {
  // Every kind of claim: both sides, one side each, a relationship and a role, a teacher (no
  // family link), and a stored contact the file drops (its link is added, inactive).
  const roster: TestUser[] = [
    { id: "s-1", role: "student", given: "Ann", family: "Park", identifier: "5001", agents: ["p-1", "p-stored"] },
    { id: "p-1", role: "parent", given: "Bo", family: "Park", relationship: "Grandmother", agents: ["s-1"] },
    { id: "g-1", role: "guardian", given: "Cy", family: "Núñez-López", agents: ["s-1", "s-2"] },
    { id: "s-2", role: "student", given: "Dee", family: "Park", identifier: "5002", agents: ["r-1", "t-1"] },
    { id: "r-1", role: "relative", given: "Ed", family: "O'Brien", language: "es" },
    { id: "t-1", role: "teacher", given: "Flo", family: "Teacher" },
  ];
  const stored: TestUser = { id: "p-stored", role: "parent", given: "Sal", family: "Stored" };
  const otherFamily = family("z", "5999", 1);

  async function linkRecords() {
    const rows = await prisma.$queryRaw<Record<string, unknown>[]>`
      SELECT st."sourcedId" || '/' || k."sourcedId" AS pair, sc.relationship, sc."listedByStudent", sc."listedByContact",
             sc."removedAt" IS NOT NULL AS removed, sc."parentKey", sc."nameKey", sc."sortChild", sc."sortSchool", sc."sortGrade",
             sc."sortStudentNumber", lk."nameKey" AS "loginNameKey", lk."sortStatus", lk."removedAt" IS NOT NULL AS "loginKeyRemoved"
      FROM "StudentContact" sc JOIN "Student" st ON st.id = sc."studentId" JOIN "Contact" k ON k.id = sc."contactId"
      LEFT JOIN "StudentContactLoginKey" lk ON lk.id = sc.id
      WHERE st."sourcedId" <> 'z-s'
      ORDER BY (st."sourcedId" || '/' || k."sourcedId") COLLATE "C"`;
    return rows;
  }

  it("are planned without stored links to compare with, and end where the general plan ends", async () => {
    // No link stored: the first-links plan.
    await runImport(await writeV11Package({ users: [stored] }));
    const first = await runImport(await writeV11Package({ users: roster }), { confirmRemovals: true });
    const viaFirstPlan = await linkRecords();

    await prisma.studentContact.deleteMany();
    await prisma.student.deleteMany();
    await prisma.contact.deleteMany();
    // One unrelated link stored: the general plan.
    await runImport(await writeV11Package({ users: [stored, ...otherFamily] }));
    const general = await runImport(await writeV11Package({ users: [...roster, ...otherFamily] }), { confirmRemovals: true });
    const viaGeneralPlan = await linkRecords();

    expect(first.summary?.links).toEqual({ added: 4, changed: 0, removed: 0, restored: 0, unchanged: 0 });
    expect(general.summary?.links).toEqual({ added: 4, changed: 0, removed: 0, restored: 0, unchanged: 1 });
    expect(viaFirstPlan.map((link) => [link.pair, link.relationship, link.listedByStudent, link.listedByContact, link.removed])).toEqual([
      ["s-1/g-1", "Guardian", false, true, false],
      ["s-1/p-1", "Grandmother", true, true, false],
      ["s-1/p-stored", "Parent", true, false, true],
      ["s-2/g-1", "Guardian", false, true, false],
      ["s-2/r-1", "Relative", true, false, false],
    ]);
    expect(viaFirstPlan).toEqual(viaGeneralPlan);
  });
});
