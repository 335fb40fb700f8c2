// Issue 10, items 1 and 2: the one search box (names as callers spell them, student ID, e-mail,
// username, phone), keyset paging in every order, and the sort keys the triggers keep.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { searchParents, type ParentRow } from "@/lib/parents/search-parents";
import { pageIdsQuery, SORTED_IN_MEMORY_UP_TO } from "@/lib/parents/search-page-ids";
import { searchPlan } from "@/lib/parents/search-probes";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseParentSearch, SORT_COLUMNS } from "@/lib/parents/search-schema";
import { createParent, createParentWithChild, createSchool, createStudent } from "../helpers/parent-fixtures";

const DOMAINS = ["district.org"];
const search = (params: Record<string, string>, sortedInMemoryUpTo?: number) =>
  searchParents(parseParentSearch(params), { staffEmailDomains: DOMAINS, sortedInMemoryUpTo });
const names = (rows: ParentRow[]) => rows.map((r) => `${r.parentLastName}, ${r.parentFirstName}`);
const labelled = (rows: ParentRow[]) => rows.map((r) => `${r.parentLastName}, ${r.parentFirstName}: ${r.match}`);

let schoolId: number;
let cruzChild: { id: number; studentNumber: string };

beforeAll(async () => {
  schoolId = (await createSchool(prisma, "Kinds Elementary")).id;
  for (const spec of [
    { firstName: "Pat", lastName: "O'Brien" },
    { firstName: "Omar", lastName: "Al-Amin" },
    { firstName: "Rosa", lastName: "Cruz" },
    { firstName: "María", lastName: "García López" },
    { firstName: "Luis", lastName: "López" },
    { firstName: "Ana", lastName: "De la Cruz" },
    { firstName: "Pieter", lastName: "Van der Berg" },
    { firstName: "Oscar", lastName: "Obregón" },
  ]) {
    await createParentWithChild(prisma, schoolId, spec);
  }
  // A child with a leading-zero student ID and two parents; the mother has a login, e-mail and phone.
  const student = await prisma.student.create({
    data: { studentNumber: "004512", firstName: "Lia", lastName: "Ferreira", grade: "3", schoolId },
  });
  cruzChild = student;
  const mother = await createParent(prisma, { firstName: "Inês", lastName: "Ferreira", email: "Ines.Ferreira@Example.com", account: { username: "iferreira" } }, [student.id]);
  await prisma.contact.update({ where: { id: mother.contact.id }, data: { phone: "+1 (555) 010-4477" } });
  await createParent(prisma, { firstName: "Rui", lastName: "Ferreira", email: null }, [student.id], "Father");
  await prisma.student.create({ data: { studentNumber: "4512", firstName: "Other", lastName: "Child", grade: "4", schoolId } });
});

describe("names as callers spell them", () => {
  it("ignores case, accents, spaces, apostrophes and hyphens in the whole-name prefix", async () => {
    for (const q of ["obrien", "o'brien", "O Brien", "O’BRIEN"]) expect(names((await search({ q })).rows), q).toEqual(["O'Brien, Pat"]);
    for (const q of ["alamin", "al amin", "Al-Amin"]) expect(names((await search({ q })).rows), q).toEqual(["Al-Amin, Omar"]);
    expect(names((await search({ q: "dela" })).rows)).toEqual(["De la Cruz, Ana"]);
    expect(names((await search({ q: "vander" })).rows)).toEqual(["Van der Berg, Pieter"]);
    expect(names((await search({ q: "o'brien, p" })).rows)).toEqual(["O'Brien, Pat"]);
  });

  it("finds any later word of a compound last name from its start, in name order, and says which", async () => {
    expect(labelled((await search({ q: "cruz" })).rows)).toEqual(["Cruz, Rosa: name", "De la Cruz, Ana: lastNameWord"]);
    expect(labelled((await search({ q: "lopez" })).rows)).toEqual(["García López, María: lastNameWord", "López, Luis: name"]);
    expect(names((await search({ q: "berg" })).rows)).toEqual(["Van der Berg, Pieter"]);
    expect(names((await search({ q: "amin" })).rows)).toEqual(["Al-Amin, Omar"]);
    // A word is matched from its start only.
    expect((await search({ q: "opez" })).rows).toEqual([]);
  });

  it("counts and shows a row found twice (name and a later word) once, labelled by its name", async () => {
    await createParentWithChild(prisma, schoolId, { firstName: "Eva", lastName: "Ruiz Ruiz", email: null });
    const result = await search({ q: "ruiz" });
    expect(labelled(result.rows)).toEqual(["Ruiz Ruiz, Eva: name"]);
    expect(result.total).toEqual({ count: 1, capped: false });
    expect((await search({ q: "cruz" })).total).toEqual({ count: 2, capped: false });
  });

  it("labels nothing when browsing by letter", async () => {
    const { rows } = await search({ letter: "O" });
    expect(names(rows)).toEqual(["Obregón, Oscar", "O'Brien, Pat"]);
    expect(rows.map((row) => row.match)).toEqual([null, null]);
  });
});

describe("student ID, e-mail, username, phone", () => {
  it("finds every parent of a student ID, exactly, leading zeros included", async () => {
    const { rows, total } = await search({ q: "004512" });
    expect(names(rows).sort()).toEqual(["Ferreira, Inês", "Ferreira, Rui"]);
    expect(rows.every((row) => row.match === "studentNumber" && row.studentNumber === cruzChild.studentNumber)).toBe(true);
    expect(total.count).toBe(2);
    expect((await search({ q: "4512" })).rows).toEqual([]);
    expect((await search({ q: "00451" })).rows).toEqual([]);
  });

  it("finds the contact by e-mail, exact and case-insensitive", async () => {
    expect(labelled((await search({ q: "ines.ferreira@example.COM" })).rows)).toEqual(["Ferreira, Inês: email"]);
    expect((await search({ q: "ines.ferreira@example" })).rows).toEqual([]);
  });

  it("finds a username's login", async () => {
    expect(labelled((await search({ q: "IFerreira" })).rows)).toEqual(["Ferreira, Inês: username"]);
  });

  it("finds a phone number in any formatting from 7 digits", async () => {
    for (const q of ["5550104477", "555-010-4477", "(555) 010 4477", "+1 555 010 4477", "010-4477"]) {
      expect(labelled((await search({ q })).rows), q).toEqual(["Ferreira, Inês: phone"]);
    }
    expect((await search({ q: "010-447" })).rows).toEqual([]);
  });
});

describe("keyset paging in every order", () => {
  let linkIds: number[];

  beforeAll(async () => {
    const schools = [await createSchool(prisma, "Zeta Academy"), await createSchool(prisma, "alpha School")];
    const grades = ["K", "PK", "1", "2", "10", "9"];
    linkIds = [];
    for (let i = 0; i < 64; i++) {
      // Few distinct values per column: many ties, broken by name then id.
      const student = await createStudent(prisma, schools[i % 2]!.id, { lastName: `Kid${i % 5}`, firstName: "Same", grade: grades[i % 6] });
      const parent = await createParent(
        prisma,
        { firstName: `P${i % 7}`, lastName: "Pagewalk", email: null, account: i % 3 === 0 ? undefined : { username: `walk${i % 4}x${i}`, status: i % 2 ? "RESET" : "ACTIVE" } },
        [student.id],
        ["Mother", "father", "Guardian"][i % 3],
      );
      linkIds.push(parent.links[0]!.id);
    }
  });

  async function walk(params: Record<string, string>, direction: "forward" | "back" = "forward", sortedInMemoryUpTo?: number) {
    const pages: ParentRow[][] = [];
    let result = await search({ ...params, size: "25" }, sortedInMemoryUpTo);
    pages.push(result.rows);
    while (result.pageInfo.nextCursor) {
      result = await search({ ...params, size: "25", cursor: result.pageInfo.nextCursor, page: String(pages.length + 1) }, sortedInMemoryUpTo);
      pages.push(result.rows);
    }
    if (direction === "forward") return pages.flat().map((row) => row.linkId);
    // Then all the way back with "previous" links: the same pages, in reverse.
    const back: ParentRow[][] = [result.rows];
    while (result.pageInfo.previousCursor) {
      result = await search({ ...params, size: "25", cursor: result.pageInfo.previousCursor, page: "2" }, sortedInMemoryUpTo);
      back.unshift(result.rows);
    }
    return back.flat().map((row) => row.linkId);
  }

  it("walks every sort column, both directions, forward and back, without gaps or duplicates, in the columns' order", async () => {
    const expected = async (column: string, dir: "ASC" | "DESC") => {
      const rows = await prisma.$queryRawUnsafe<{ id: number }[]>(
        `SELECT sc.id FROM "StudentContact" sc JOIN "StudentContactLoginKey" lk ON lk.id = sc.id
         WHERE sc."removedAt" IS NULL AND sc."nameKey" LIKE 'pagewalk%'
         ORDER BY ${column === "nameKey" ? "" : `${column} ${dir},`} sc."nameKey" ${dir}, sc.id ${dir}`,
      );
      return rows.map((row) => row.id);
    };
    const columns: Record<string, string> = {
      parent: "nameKey", child: `sc."sortChild"`, studentNumber: `sc."sortStudentNumber"`, school: `sc."sortSchool"`,
      grade: `sc."sortGrade"`, relationship: `sc."sortRelationship"`, username: `lk."sortUsername"`, status: `lk."sortStatus"`,
    };
    for (const sort of SORT_COLUMNS) {
      for (const dir of ["asc", "desc"] as const) {
        const want = await expected(columns[sort]!, dir === "asc" ? "ASC" : "DESC");
        expect(want.sort((a, b) => a - b)).toEqual([...linkIds].sort((a, b) => a - b));
        const wantOrdered = await expected(columns[sort]!, dir === "asc" ? "ASC" : "DESC");
        // The 64 rows sorted after reading them by name (a rare prefix), and (with a bound
        // under 64) the column's index walked (a common one): the same pages either way.
        for (const sortedUpTo of [SORTED_IN_MEMORY_UP_TO, 10]) {
          expect(await walk({ q: "pagewalk", sort, dir }, "forward", sortedUpTo), `${sort} ${dir} ${sortedUpTo}`).toEqual(wantOrdered);
          expect(await walk({ q: "pagewalk", sort, dir }, "back", sortedUpTo), `${sort} ${dir} back ${sortedUpTo}`).toEqual(wantOrdered);
        }
      }
    }
  });

  it("sorts a rare prefix's rows in another column's order, and walks the column's index only for a common one", async () => {
    type PlanNode = { "Node Type": string; "One-Time Filter"?: string; "Parent Relationship"?: string; "Actual Loops": number; Plans?: PlanNode[] };
    /** Whether the side of the query guarded by a one-time filter with `comparison` ran. */
    const ran = (root: PlanNode, comparison: "<=" | ">"): boolean => {
      const guards: PlanNode[] = [];
      const visit = (node: PlanNode) => {
        if (node["Node Type"] === "Result" && node["One-Time Filter"]?.includes(`${comparison} `)) guards.push(node);
        node.Plans?.forEach(visit);
      };
      visit(root);
      expect(guards).toHaveLength(1);
      return guards[0]!.Plans!.some((child) => child["Parent Relationship"] === "Outer" && child["Actual Loops"] > 0);
    };
    for (const sort of ["username", "school"] as const) {
      for (const [q, upTo, walked] of [["pagewalk", SORTED_IN_MEMORY_UP_TO, false], ["nobodyhasthisname", SORTED_IN_MEMORY_UP_TO, false], ["pagewalk", 10, true]] as const) {
        const parsed = parseParentSearch({ q, sort });
        const query = pageIdsQuery(parsed, searchPlan(parsed), null, upTo)!;
        const [row] = await prisma.$queryRaw<{ "QUERY PLAN": { Plan: PlanNode }[] }[]>(Prisma.sql`EXPLAIN (ANALYZE, FORMAT JSON) ${query.sql}`);
        const plan = row!["QUERY PLAN"][0]!.Plan;
        expect(ran(plan, ">"), `${sort} ${q} up to ${upTo}: walked`).toBe(walked);
        expect(ran(plan, "<="), `${sort} ${q} up to ${upTo}: sorted`).toBe(!walked);
      }
    }
  });

  it("orders each column as people read it", async () => {
    const { rows: byGrade } = await search({ q: "pagewalk", sort: "grade", size: "100" });
    const gradeOrder = [...new Set(byGrade.map((row) => row.grade))];
    expect(gradeOrder).toEqual(["K", "PK", "1", "2", "9", "10"]);
    const { rows: bySchool } = await search({ q: "pagewalk", sort: "school", size: "100" });
    expect([...new Set(bySchool.map((row) => row.school))]).toEqual(["alpha School", "Zeta Academy"]);
    const { rows: byUser } = await search({ q: "pagewalk", sort: "username", size: "100" });
    expect(byUser.at(-1)!.username).toBeNull();
    expect(byUser[0]!.username).not.toBeNull();
    const { rows: byStatus } = await search({ q: "pagewalk", sort: "status", dir: "desc", size: "100" });
    expect([...new Set(byStatus.map((row) => row.status))]).toEqual(["RESET", "NONE", "ACTIVE"]);
    // Ties keep name order.
    const activeNames = byStatus.filter((row) => row.status === "ACTIVE").map((row) => row.parentFirstName);
    expect(activeNames).toEqual([...activeNames].sort().reverse());
  });

  it("pages a letter and 'All' by cursor in a non-default order", async () => {
    const all = await walk({ letter: "P", sort: "school" });
    expect(new Set(all).size).toBe(all.length);
    expect(all.filter((id) => linkIds.includes(id))).toHaveLength(64);
  });

  it("starts at page 1 when the cursor belongs to another order", async () => {
    const first = await search({ q: "pagewalk", sort: "school", size: "25" });
    const elsewhere = await search({ q: "pagewalk", sort: "grade", size: "25", cursor: first.pageInfo.nextCursor! });
    expect(elsewhere.rows).toEqual((await search({ q: "pagewalk", sort: "grade", size: "25" })).rows);
  });
});

describe("sort keys follow every kind of write", () => {
  const keys = (id: number) =>
    prisma.$queryRaw<Record<string, string | string[] | null>[]>`
      SELECT sc."nameKey", sc."nameWordKeys", sc."sortChild", sc."sortStudentNumber", sc."sortSchool", sc."sortGrade", sc."sortRelationship",
             lk."sortUsername", lk."sortStatus", lk."nameKey" AS "loginKeysNameKey", lk."removedAt" AS "loginKeysRemovedAt"
      FROM "StudentContact" sc LEFT JOIN "StudentContactLoginKey" lk ON lk.id = sc.id WHERE sc.id = ${id}`.then((rows) => rows[0]!);

  it("fills them on insert and keeps them when the student, school, login, relationship or name change", async () => {
    const school = await createSchool(prisma, "Trigger High");
    const student = await createStudent(prisma, school.id, { lastName: "Núñez", firstName: "Ema", grade: "7" });
    const { links, contact } = await createParent(prisma, { firstName: "Ana María", lastName: "García López", email: null }, [student.id]);
    const id = links[0]!.id;
    expect(await keys(id)).toEqual({
      nameKey: "garcialopez\u0001anamaria",
      nameWordKeys: ["lopez\u0001anamaria"],
      sortChild: "núñez\u0001ema",
      sortStudentNumber: student.studentNumber,
      sortSchool: "trigger high",
      sortGrade: "1000007",
      sortRelationship: "mother",
      sortUsername: "~",
      sortStatus: "NONE",
      loginKeysNameKey: "garcialopez\u0001anamaria",
      loginKeysRemovedAt: null,
    });

    await prisma.student.update({ where: { id: student.id }, data: { lastName: "Abad", grade: "K", studentNumber: "T-1" } });
    await prisma.school.update({ where: { id: school.id }, data: { name: "Aardvark High" } });
    const account = await prisma.parentAccount.create({ data: { contactId: contact.id, username: "AGarcia", usernameKey: "agarcia", status: "ACTIVE" } });
    await prisma.studentContact.update({ where: { id }, data: { relationship: "Guardian", parentKey: "de la cruz\u0001ana" } });
    expect(await keys(id)).toMatchObject({
      nameKey: "delacruz\u0001ana",
      nameWordKeys: ["lacruz\u0001ana", "cruz\u0001ana"],
      sortChild: "abad\u0001ema",
      sortStudentNumber: "T-1",
      sortSchool: "aardvark high",
      sortGrade: "0k",
      sortRelationship: "guardian",
      sortUsername: "agarcia",
      sortStatus: "ACTIVE",
      loginKeysNameKey: "delacruz\u0001ana",
    });

    await prisma.parentAccount.update({ where: { id: account.id }, data: { status: "RESET" } });
    expect(await keys(id)).toMatchObject({ sortStatus: "RESET", sortUsername: "agarcia" });
    await prisma.parentAccount.delete({ where: { id: account.id } });
    expect(await keys(id)).toMatchObject({ sortStatus: "NONE", sortUsername: "~" });

    // Leaving the roster and coming back moves the login keys' row out of the sort indexes and back.
    const removedAt = new Date("2026-09-01T00:00:00Z");
    await prisma.studentContact.update({ where: { id }, data: { removedAt } });
    expect((await keys(id)).loginKeysRemovedAt).toEqual(removedAt);
    await prisma.studentContact.update({ where: { id }, data: { removedAt: null } });
    expect((await keys(id)).loginKeysRemovedAt).toBeNull();

    // Moving a link to another student takes that student's keys.
    const other = await createStudent(prisma, schoolId, { lastName: "Zed", firstName: "Zoe", grade: "12" });
    await prisma.studentContact.update({ where: { id }, data: { studentId: other.id } });
    expect(await keys(id)).toMatchObject({ sortChild: "zed\u0001zoe", sortGrade: "1000012", sortSchool: "kinds elementary" });
  });

  it("updates set-based writes of many students at once (as the roster importer does)", async () => {
    const school = await createSchool(prisma, "Rollover Middle");
    const ids = [];
    for (let i = 0; i < 3; i++) {
      const student = await createStudent(prisma, school.id, { grade: "5" });
      ids.push((await createParent(prisma, { firstName: `R${i}`, lastName: "Rollover", email: null }, [student.id])).links[0]!.id);
    }
    await prisma.$executeRaw`UPDATE "Student" SET grade = '6' WHERE "schoolId" = ${school.id}`;
    for (const id of ids) expect((await keys(id)).sortGrade).toBe("1000006");
  });

  it("gives every link of a contact the login's keys when logins are created, changed or deleted set-based", async () => {
    const school = await createSchool(prisma, "Bulk Login Elementary");
    const students = [await createStudent(prisma, school.id, {}), await createStudent(prisma, school.id, {})];
    const parents = [];
    for (let i = 0; i < 3; i++) parents.push(await createParent(prisma, { firstName: `B${i}`, lastName: "Bulklogin", email: null }, students.map((s) => s.id)));
    const contactIds = parents.map((parent) => parent.contact.id);
    const linkIds = parents.flatMap((parent) => parent.links.map((link) => link.id));
    const loginKeys = () =>
      prisma.$queryRaw<{ id: number; sortUsername: string; sortStatus: string }[]>`
        SELECT id, "sortUsername", "sortStatus" FROM "StudentContactLoginKey" WHERE id = ANY(${linkIds}::int[]) ORDER BY id`;
    await prisma.$executeRaw`INSERT INTO "ParentAccount" ("contactId", username, "usernameKey", status, "updatedAt")
      SELECT id, 'bulk' || id, 'bulk' || id, 'ACTIVE', now() FROM "Contact" WHERE id = ANY(${contactIds}::int[])`;
    expect(await loginKeys()).toHaveLength(6);
    for (const row of await loginKeys()) expect(row).toMatchObject({ sortStatus: "ACTIVE", sortUsername: expect.stringMatching(/^bulk\d+$/) });
    await prisma.$executeRaw`UPDATE "ParentAccount" SET status = 'RESET' WHERE "contactId" = ANY(${contactIds.slice(0, 2)}::int[])`;
    expect((await loginKeys()).map((row) => row.sortStatus).sort()).toEqual(["ACTIVE", "ACTIVE", "RESET", "RESET", "RESET", "RESET"]);
    await prisma.$executeRaw`DELETE FROM "ParentAccount" WHERE "contactId" = ANY(${contactIds}::int[])`;
    for (const row of await loginKeys()) expect(row).toMatchObject({ sortStatus: "NONE", sortUsername: "~" });
    await prisma.$executeRaw`DELETE FROM "StudentContact" WHERE id = ANY(${linkIds}::int[])`;
    expect(await loginKeys()).toEqual([]);
  });
});

describe("the roster importer writes the same keys as the triggers", () => {
  it("fills every imported link's sort keys set-based, equal to what its student, school and login give", async () => {
    const { FIXTURES } = await import("../helpers/roster-fixtures");
    const { runImport } = await import("../helpers/roster-packages");
    const path = await import("node:path");
    // Without the row trigger: the importer's own INSERT must fill them (a trigger per link would
    // cost minutes on a 2M-row import).
    await prisma.$executeRawUnsafe(`ALTER TABLE "StudentContact" DISABLE TRIGGER student_contact_fill_sort_keys_on_insert`);
    try {
      expect((await runImport(path.join(FIXTURES, "v1p1-bulk"))).outcome).toBe("applied");
    } finally {
      await prisma.$executeRawUnsafe(`ALTER TABLE "StudentContact" ENABLE TRIGGER student_contact_fill_sort_keys_on_insert`);
    }
    const imported = await prisma.$queryRaw<{ n: number; wrong: number }[]>`
      SELECT count(*)::int AS n, count(*) FILTER (WHERE
        (sc."sortChild", sc."sortStudentNumber", sc."sortSchool", sc."sortGrade", lk."sortUsername", lk."sortStatus")
        IS DISTINCT FROM (parent_grid_child_key(s."lastName", s."firstName"), s."studentNumber", parent_grid_school_key(sch.name),
                          parent_grid_grade_key(s.grade), parent_grid_username_key(pa."usernameKey"), parent_grid_status_key(pa.status::text))
        OR sc."nameKey" IS NULL OR sc."sortChild" IS NULL OR lk."sortStatus" IS NULL
        OR (lk."nameKey", lk."removedAt") IS DISTINCT FROM (sc."nameKey", sc."removedAt"))::int AS wrong
      FROM "StudentContact" sc JOIN "Student" s ON s.id = sc."studentId" JOIN "School" sch ON sch.id = s."schoolId"
      LEFT JOIN "StudentContactLoginKey" lk ON lk.id = sc.id
      LEFT JOIN "ParentAccount" pa ON pa."contactId" = sc."contactId"
      WHERE s."sourcedId" IS NOT NULL`;
    expect(imported[0]!.n).toBeGreaterThan(0);
    expect(imported[0]!.wrong).toBe(0);
  });
});
