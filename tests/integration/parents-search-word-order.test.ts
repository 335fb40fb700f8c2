// A word of compound last names is read in name order word key by word key when its range holds
// few keys, as one range otherwise (lib/parents/search-word-branch.ts); the count reads each
// range once, stopped at the cap (countMatches). Both must give exactly what one plain query
// sorting every match gives, page after page, forward and back, in both directions.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { searchParents, type ParentSearchResult } from "@/lib/parents/search-parents";
import { parseParentSearch } from "@/lib/parents/search-schema";
import { WORD_KEYS_READ_IN_ORDER } from "@/lib/parents/search-word-branch";
import { createSchool, createStudent } from "../helpers/parent-fixtures";

const search = (params: Record<string, string>, countCap?: number) =>
  searchParents(parseParentSearch(params), { staffEmailDomains: [], ...(countCap ? { countCap } : {}) });

// Many first names under one compound name (more word keys than are read one by one), few first
// names with many people each, a plain name the word also starts, a three-word name, a name
// whose two words both start with the word, and removed rows that must never show.
const FAMILIES: { lastName: string; firstNames: number; perName: number; removed?: boolean }[] = [
  { lastName: "al-hassan", firstNames: WORD_KEYS_READ_IN_ORDER + 16, perName: 2 },
  { lastName: "el-masri", firstNames: 4, perName: 30 },
  { lastName: "masri", firstNames: 10, perName: 1 },
  { lastName: "abu-masri-hassan", firstNames: 5, perName: 2 },
  { lastName: "hassan-hassani", firstNames: 3, perName: 2 },
  { lastName: "el-masri", firstNames: 2, perName: 3, removed: true },
];

beforeAll(async () => {
  const school = await createSchool(prisma, "Word Order Elementary");
  const student = await createStudent(prisma, school.id);
  for (const family of FAMILIES) {
    await prisma.$executeRaw`
      WITH contacts AS (
        INSERT INTO "Contact" ("firstName", "lastName", email)
        SELECT 'first' || lpad((g % ${family.firstNames})::text, 3, '0'), ${family.lastName}, NULL
        FROM generate_series(0, ${family.firstNames * family.perName - 1}) g
        RETURNING id, "firstName", "lastName")
      INSERT INTO "StudentContact" ("studentId", "contactId", relationship, "parentKey", "removedAt")
      SELECT ${student.id}, id, 'Parent', "lastName" || chr(1) || "firstName", ${family.removed ? new Date() : null}::timestamp FROM contacts`;
  }
});

/** Every match, sorted in one plain query: what the grid must show. */
async function expectedIds(word: string, dir: "asc" | "desc"): Promise<number[]> {
  const pattern = `${word}%`;
  const rows = await prisma.$queryRaw<{ id: number }[]>`
    SELECT id FROM "StudentContact"
    WHERE "removedAt" IS NULL AND ("nameKey" LIKE ${pattern} OR "nameWordKeys"[1] LIKE ${pattern}
      OR "nameWordKeys"[2] LIKE ${pattern} OR "nameWordKeys"[3] LIKE ${pattern})
    ORDER BY "nameKey", id`;
  const ids = rows.map((row) => row.id);
  return dir === "asc" ? ids : ids.reverse();
}

async function walkForward(params: Record<string, string>): Promise<ParentSearchResult[]> {
  const pages: ParentSearchResult[] = [];
  let current = params;
  for (let page = 1; page <= 50; page++) {
    const result = await search(current);
    pages.push(result);
    if (!result.pageInfo.nextCursor) break;
    current = { ...params, cursor: result.pageInfo.nextCursor, page: String(page + 1) };
  }
  return pages;
}

describe("a word of compound last names in name order", () => {
  it.each([
    ["hassan", "asc"],
    ["hassan", "desc"],
    ["masri", "asc"],
    ["masri", "desc"],
    ["mas", "asc"],
    ["has", "desc"],
  ] as const)("pages through %s (%s) exactly as sorting every match would, and back", async (word, dir) => {
    const expected = await expectedIds(word, dir);
    const params = { q: word, size: "25", dir };
    const pages = await walkForward(params);

    expect(pages.flatMap((page) => page.rows.map((row) => row.linkId))).toEqual(expected);
    expect(pages.at(-1)!.pageInfo.hasNextPage).toBe(false);
    for (let index = pages.length - 1; index > 0; index--) {
      const back = await search({ ...params, cursor: pages[index]!.pageInfo.previousCursor!, page: String(index) });
      expect(back.rows.map((row) => row.linkId)).toEqual(pages[index - 1]!.rows.map((row) => row.linkId));
    }
    expect(pages[0]!.total).toEqual({ count: expected.length, capped: false });
  });

  it("reads a word's keys one by one only while they are few, and finds the same rows either way", async () => {
    const keys = async (word: string) =>
      (
        await prisma.$queryRaw<{ n: number }[]>`
          SELECT count(DISTINCT "nameWordKeys"[1])::int AS n FROM "StudentContact" WHERE "removedAt" IS NULL AND "nameWordKeys"[1] LIKE ${`${word}%`}`
      )[0]!.n;
    // Both paths are taken by the cases above.
    expect(await keys("hassan")).toBeGreaterThan(WORD_KEYS_READ_IN_ORDER);
    expect(await keys("masri")).toBeLessThanOrEqual(WORD_KEYS_READ_IN_ORDER);
  });

  it("counts every range once, a row matched by several ranges once, and stops at the cap", async () => {
    const expected = await expectedIds("hassan", "asc");
    expect((await search({ q: "hassan" })).total).toEqual({ count: expected.length, capped: false });
    expect((await search({ q: "hassan" }, 40)).total).toEqual({ count: 40, capped: true });
    expect((await search({ q: "hassan" }, expected.length)).total).toEqual({ count: expected.length, capped: false });
    expect((await search({ q: "hassan" }, expected.length - 1)).total).toEqual({ count: expected.length - 1, capped: true });
    // "Hassan-Hassani": its name and its later word both match; counted once (above), listed
    // once, labelled by its name (last in name order: first in descending order).
    const both = (await search({ q: "hassan", dir: "desc", size: "25" })).rows.filter((row) => row.parentLastName === "hassan-hassani");
    expect(new Set(both.map((row) => row.linkId)).size).toBe(6);
    expect(both.map((row) => row.match)).toEqual(Array(6).fill("name"));
  });

  it("finds and counts a word among removed rows too (no word indexes there: one range, one scan)", async () => {
    const removed = await prisma.$queryRaw<{ id: number }[]>`
      SELECT id FROM "StudentContact" WHERE "removedAt" IS NOT NULL AND ("nameKey" LIKE 'masri%' OR "nameWordKeys"[1] LIKE 'masri%')
      ORDER BY "nameKey", id`;
    const result = await search({ q: "masri", removed: "1" });
    expect(result.rows.map((row) => row.linkId)).toEqual(removed.map((row) => row.id));
    expect(result.total).toEqual({ count: 6, capped: false });
  });
});
