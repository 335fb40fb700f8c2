import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { COUNT_CAP, countMatchingRows, searchParents } from "@/lib/parents/search-parents";
import { MAX_BULK_RESET_CAP } from "@/lib/settings/district-settings-schema";
import { searchWhere } from "@/lib/parents/search-page-ids";
import { searchPlan } from "@/lib/parents/search-probes";
import { parseParentSearch } from "@/lib/parents/search-schema";
import { createParent, createParentWithChild, createSchool, createStudent } from "../helpers/parent-fixtures";

const DOMAINS = ["district.org"];
const search = (params: Record<string, string>) => searchParents(parseParentSearch(params), { staffEmailDomains: DOMAINS });
const names = (rows: { parentLastName: string; parentFirstName: string }[]) => rows.map((r) => `${r.parentLastName}, ${r.parentFirstName}`);

let schoolId: number;

beforeAll(async () => {
  const school = await createSchool(prisma, "Lincoln Elementary");
  schoolId = school.id;
  const parents = [
    { firstName: "María", lastName: "García", account: { username: "mgarcia" } },
    { firstName: "José", lastName: "Garcia", email: "jose@district.org", account: { username: "jgarcia", status: "RESET" as const } },
    { firstName: "Ana", lastName: "Garcés" },
    { firstName: "Thu", lastName: "Nguyễn", account: { username: "tnguyen" } },
    { firstName: "Minh", lastName: "NGUYEN" },
    { firstName: "Pat", lastName: "O'Brien" },
    { firstName: "Per", lastName: "100%_Real" },
    { firstName: "Zed", lastName: "100 Real" },
    { firstName: "Under", lastName: "A_b" },
    { firstName: "Plain", lastName: "Axb" },
  ];
  for (const spec of parents) await createParentWithChild(prisma, school.id, spec);
});

describe("searchParents", () => {
  it("matches a last-name prefix regardless of case and accents, in key order", async () => {
    const result = await search({ q: "garc" });
    expect(names(result.rows)).toEqual(["Garcés, Ana", "Garcia, José", "García, María"]);
    expect(result.total).toEqual({ count: 3, capped: false });
    expect(names((await search({ q: "GARCIA" })).rows)).toEqual(["Garcia, José", "García, María"]);
    expect(names((await search({ q: "nguyen" })).rows)).toEqual(["NGUYEN, Minh", "Nguyễn, Thu"]);
    expect(names((await search({ q: "Nguyễn" })).rows)).toHaveLength(2);
  });

  it("narrows by first name with 'last, first'", async () => {
    expect(names((await search({ q: "garcia, ma" })).rows)).toEqual(["García, María"]);
  });

  it("ignores punctuation and spaces typed by the user (% and _ are never wildcards)", async () => {
    expect(names((await search({ q: "100%" })).rows)).toEqual(["100%_Real, Per", "100 Real, Zed"]);
    expect(names((await search({ q: "a_b" })).rows)).toEqual(["A_b, Under"]);
    expect((await search({ q: "%" })).rows).toHaveLength(0);
    expect((await search({ q: "_" })).rows).toHaveLength(0);
  });

  it("browses by letter and shows everything for 'all'", async () => {
    expect(names((await search({ letter: "o" })).rows)).toEqual(["O'Brien, Pat"]);
    expect((await search({ letter: "G" })).rows).toHaveLength(3);
    expect((await search({})).total.count).toBe(10);
  });

  it("returns the row's details, status, and the staff-domain warning", async () => {
    const { rows } = await search({ q: "garcia" });
    const jose = rows.find((row) => row.parentFirstName === "José")!;
    expect(jose).toMatchObject({ username: "jgarcia", status: "RESET", staffEmail: true, school: "Lincoln Elementary", relationship: "Mother" });
    const maria = rows.find((row) => row.parentFirstName === "María")!;
    expect(maria).toMatchObject({ status: "ACTIVE", staffEmail: false });
    const ana = (await search({ q: "garces" })).rows[0]!;
    expect(ana).toMatchObject({ status: "NONE", username: null });
  });

  it("sorts by other whitelisted columns and descending", async () => {
    const desc = await search({ q: "garc", dir: "desc" });
    expect(names(desc.rows)).toEqual(["García, María", "Garcia, José", "Garcés, Ana"]);
    const byUser = await search({ q: "garc", sort: "username" });
    expect(byUser.rows.map((r) => r.username)).toEqual(["jgarcia", "mgarcia", null]);
    const byStatus = await search({ q: "garc", sort: "status", dir: "desc" });
    expect(byStatus.rows.map((r) => r.status)).toEqual(["RESET", "NONE", "ACTIVE"]);
  });

  it("falls back to defaults for unknown sort columns and sizes", async () => {
    const result = await search({ q: "garc", sort: "id; DROP TABLE x", size: "7" });
    expect(result.pageInfo.size).toBe(50);
    expect(names(result.rows)[0]).toBe("Garcés, Ana");
  });
});

describe("paging a large district", () => {
  beforeAll(async () => {
    const student = await createStudent(prisma, schoolId);
    // 10,050 extra rows under "Smith", inserted set-based like the benchmark does.
    await prisma.$executeRaw`
      WITH contacts AS (
        INSERT INTO "Contact" ("firstName", "lastName", email)
        SELECT 'First' || lpad(g::text, 5, '0'), 'Smith', NULL FROM generate_series(1, 10050) g
        RETURNING id, "firstName", "lastName")
      INSERT INTO "StudentContact" ("studentId", "contactId", relationship, "parentKey")
      SELECT ${student.id}, id, 'Father', 'smith' || chr(1) || lower("firstName") FROM contacts`;
  });

  it("caps the count", async () => {
    expect((await search({ q: "smith" })).total).toEqual({ count: COUNT_CAP, capped: true });
    expect((await search({ q: "smith, first0001" })).total).toEqual({ count: 10, capped: false });
  });

  it("counts a search on to a bulk reset's cap for \"select all matching\", the rows the reset would take", async () => {
    expect(await countMatchingRows({ q: "smith", letter: "all" }, MAX_BULK_RESET_CAP)).toEqual({ count: MAX_BULK_RESET_CAP, capped: true });
    expect(await countMatchingRows({ q: "smith", letter: "all" }, 20_000)).toEqual({ count: 10_050, capped: false });
    expect(await countMatchingRows({ q: "smith, first0001", letter: "all" }, 10)).toEqual({ count: 10, capped: false });
    expect(await countMatchingRows({ q: "smith, first0001", letter: "all" }, 9)).toEqual({ count: 9, capped: true });
    // The rows resolveMatchingLinkIds would reset (its WHERE clause).
    const taken = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "StudentContact" sc WHERE ${searchWhere({ removed: false }, searchPlan({ q: "garc", letter: "all" }))}`;
    expect(await countMatchingRows({ q: "garc", letter: "all" }, MAX_BULK_RESET_CAP)).toEqual({ count: taken[0]!.n, capped: false });
  });

  it("walks forward and back with keyset cursors without gaps or duplicates", async () => {
    const seen: number[] = [];
    let params: Record<string, string> = { q: "smith, first000", size: "25" };
    const pages = [];
    for (let page = 1; page <= 5; page++) {
      const result = await search(params);
      pages.push(result);
      seen.push(...result.rows.map((row) => row.linkId));
      if (!result.pageInfo.nextCursor) break;
      params = { ...params, cursor: result.pageInfo.nextCursor, page: String(page + 1) };
    }
    // first00001..first00099 = 99 rows: 25+25+25+24.
    expect(seen).toHaveLength(99);
    expect(new Set(seen).size).toBe(99);
    const expected = await prisma.studentContact.findMany({
      where: { nameKey: { startsWith: "smith\u0001first000" } },
      orderBy: [{ nameKey: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    expect(seen).toEqual(expected.map((row) => row.id));
    expect(pages.at(-1)!.pageInfo.hasNextPage).toBe(false);

    // Back from page 3 gives exactly page 2.
    const back = await search({ q: "smith, first000", size: "25", cursor: pages[2]!.pageInfo.previousCursor!, page: "2" });
    expect(back.rows.map((row) => row.linkId)).toEqual(pages[1]!.rows.map((row) => row.linkId));
    expect(back.pageInfo.hasPreviousPage).toBe(true);
    expect(back.pageInfo.hasNextPage).toBe(true);
  });

  it("agrees with OFFSET paging when a page number comes without a cursor", async () => {
    const byOffset = await search({ q: "smith", size: "25", page: "3" });
    const expected = await prisma.studentContact.findMany({
      where: { nameKey: { startsWith: "smith\u0001" } },
      orderBy: [{ nameKey: "asc" }, { id: "asc" }],
      skip: 50,
      take: 25,
      select: { id: true },
    });
    expect(byOffset.rows.map((row) => row.linkId)).toEqual(expected.map((row) => row.id));
  });

  it("ignores a tampered cursor", async () => {
    const result = await search({ q: "smith", cursor: "bm90LWpzb24" });
    expect(result.rows[0]!.parentFirstName).toBe("First00001");
  });

  it("reads a prefix page from the index in order (no sort of all matches)", async () => {
    await prisma.$executeRawUnsafe(`ANALYZE "StudentContact"`);
    // The grid's own WHERE (rows in the roster): the index is partial on that condition.
    const plan = await prisma.$queryRaw<{ "QUERY PLAN": string }[]>(
      Prisma.sql`EXPLAIN SELECT sc.id FROM "StudentContact" sc WHERE ${searchWhere({ removed: false }, searchPlan({ q: "smith, f", letter: "all" }))} ORDER BY sc."nameKey", sc.id LIMIT 51`,
    );
    const text = plan.map((row) => row["QUERY PLAN"]).join("\n");
    expect(text).toMatch(/Index (Only )?Scan using "StudentContact_nameKey_id_idx"/);
    expect(text).not.toMatch(/Sort/);
  });
});

it("keeps a contact with several children as one row per child", async () => {
  const a = await createStudent(prisma, schoolId);
  const b = await createStudent(prisma, schoolId);
  await createParent(prisma, { firstName: "Layla", lastName: "Haddad", account: { username: "lhaddad" } }, [a.id, b.id]);
  const { rows } = await search({ q: "haddad" });
  expect(rows).toHaveLength(2);
  expect(new Set(rows.map((row) => row.contactId)).size).toBe(1);
});

describe("rows removed from the roster", () => {
  let removedLinkIds: number[];

  beforeAll(async () => {
    const student = await createStudent(prisma, schoolId);
    const kept = await createParent(prisma, { firstName: "Kept", lastName: "Quarry", account: { username: "kquarry" } }, [student.id]);
    const gone = await createParent(prisma, { firstName: "Gone", lastName: "Quarry", account: { username: "gquarry" } }, [student.id]);
    const goneToo = await createParent(prisma, { firstName: "Left", lastName: "Quinn" }, [student.id]);
    removedLinkIds = [...gone.links, ...goneToo.links].map((link) => link.id);
    await prisma.studentContact.updateMany({ where: { id: { in: removedLinkIds } }, data: { removedAt: new Date() } });
    expect(kept.links).toHaveLength(1);
  });

  it("leaves removed rows out of the grid by default", async () => {
    expect(names((await search({ q: "quarry" })).rows)).toEqual(["Quarry, Kept"]);
    expect((await search({ letter: "Q" })).total.count).toBe(1);
    expect((await search({ q: "quinn" })).rows).toEqual([]);
    expect((await search({ q: "quarry", removed: "0" })).rows.map((row) => row.removed)).toEqual([false]);
  });

  it("shows only the removed rows, marked removed, with removed=1 (paged and counted the same way)", async () => {
    const result = await search({ q: "qu", removed: "1" });
    expect(names(result.rows)).toEqual(["Quarry, Gone", "Quinn, Left"]);
    expect(result.rows.every((row) => row.removed)).toBe(true);
    expect(result.total).toEqual({ count: 2, capped: false });
    const firstPage = await search({ letter: "Q", removed: "1", size: "25" });
    expect(firstPage.rows.map((row) => row.linkId).sort()).toEqual([...removedLinkIds].sort());
    expect(names((await search({ q: "qu", removed: "1", sort: "username" })).rows)).toEqual(["Quarry, Gone", "Quinn, Left"]);
  });

  it("reads the removed view from the second partial index (its exact predicate)", async () => {
    await prisma.$executeRawUnsafe(`ANALYZE "StudentContact"`);
    const where = searchWhere({ removed: true }, searchPlan({ q: "qu", letter: "all" }));
    const plan = await prisma.$queryRaw<{ "QUERY PLAN": string }[]>(
      Prisma.sql`EXPLAIN SELECT sc.id FROM "StudentContact" sc WHERE ${where} ORDER BY sc."nameKey", sc.id LIMIT 51`,
    );
    expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toMatch(/Index (Only )?Scan using "StudentContact_removed_nameKey_id_idx"/);
  });
});
