// What the benchmark measures for the grid: last-name prefix search and letter browsing,
// first page and a deep keyset page, three ways: the domain query (searchParents), the
// same SQL sent with a plain pg client (no Prisma, no mapping), and a naive baseline
// (ILIKE on the contact's last name through the joins, OFFSET paging, no usable index).
import type pg from "pg";
import { searchParents, COUNT_CAP } from "@/lib/parents/search-parents";
import { decodeCursor } from "@/lib/parents/search-cursor";
import { likePatternFor, parentSearchSchema, type ParentSearch } from "@/lib/parents/search-schema";

export const PAGE_SIZE = 50;
/** The deep page: reached by following "next" DEEP_PAGE - 1 times, as a person paging would. */
export const DEEP_PAGE = 20;

const PREFIXES = ["garc", "ngu", "smi", "al-", "tr", "m", "johns", "hern", "le", "mansour"];
const LETTERS = "ABCDEFGHIJKLMNOPRSTVWY".split("");

export interface Scenario {
  name: string;
  inputs: ParentSearch[];
  /** What the naive query filters on: ILIKE pattern per input, and its OFFSET. */
  baseline: { patterns: string[]; offset: number };
}

function search(input: Partial<Record<keyof ParentSearch, unknown>>): ParentSearch {
  return parentSearchSchema.parse({ size: PAGE_SIZE, ...input });
}

/** The search on page DEEP_PAGE, or null when there are not that many pages. */
async function deepSearch(first: ParentSearch): Promise<ParentSearch | null> {
  let current = first;
  for (let page = 2; page <= DEEP_PAGE; page++) {
    const result = await searchParents(current);
    if (!result.pageInfo.nextCursor) return null;
    current = { ...current, cursor: result.pageInfo.nextCursor, page };
  }
  return current;
}

async function withDeep(firsts: ParentSearch[]) {
  const pairs = await Promise.all(firsts.map(async (first) => [first, await deepSearch(first)] as const));
  return pairs.filter((pair): pair is readonly [ParentSearch, ParentSearch] => pair[1] !== null);
}

export async function buildScenarios(): Promise<Scenario[]> {
  const prefixSearches = PREFIXES.map((q) => search({ q }));
  const letterSearches = LETTERS.map((letter) => search({ letter }));
  const deepPrefix = await withDeep(prefixSearches);
  const deepLetter = await withDeep(letterSearches);
  const contains = (q: string) => `%${q}%`;
  const scenarios: Scenario[] = [
    { name: "prefix, first page", inputs: prefixSearches, baseline: { patterns: PREFIXES.map(contains), offset: 0 } },
    {
      name: `prefix, page ${DEEP_PAGE}`,
      inputs: deepPrefix.map(([, deep]) => deep),
      baseline: { patterns: deepPrefix.map(([first]) => contains(first.q)), offset: (DEEP_PAGE - 1) * PAGE_SIZE },
    },
    { name: "letter, first page", inputs: letterSearches, baseline: { patterns: LETTERS.map((letter) => `${letter}%`), offset: 0 } },
    {
      name: `letter, page ${DEEP_PAGE}`,
      inputs: deepLetter.map(([, deep]) => deep),
      baseline: { patterns: deepLetter.map(([first]) => `${first.letter}%`), offset: (DEEP_PAGE - 1) * PAGE_SIZE },
    },
  ];
  return scenarios.filter((scenario) => scenario.inputs.length > 0);
}

export function domainRunner(scenario: Scenario) {
  return (i: number) => searchParents(scenario.inputs[i % scenario.inputs.length]!);
}

// The statements searchParents sends (keyset page ids and the capped count in parallel,
// then the page's rows and the settings), as text, so their cost can be told apart from
// the domain layer's. Keep in step with lib/parents/search-parents.ts (searchWhere: the
// "removedAt" IS NULL condition is what lets PostgreSQL use the grid's partial index).
const ROWS_SQL = `
  SELECT sc.id AS "linkId", sc."contactId", sc.relationship, sc."resetAt",
         c."firstName" AS "parentFirstName", c."lastName" AS "parentLastName", c.email,
         s."firstName" AS "childFirstName", s."lastName" AS "childLastName", s."studentNumber", s.grade,
         sch.name AS school, pa.username, pa.status::text AS status
  FROM "StudentContact" sc
  JOIN "Contact" c ON c.id = sc."contactId"
  JOIN "Student" s ON s.id = sc."studentId"
  JOIN "School" sch ON sch.id = s."schoolId"
  LEFT JOIN "ParentAccount" pa ON pa."contactId" = sc."contactId"
  WHERE sc.id = ANY($1::int[])`;

export function rawSqlRunner(pool: pg.Pool, scenario: Scenario) {
  return async (i: number) => {
    const input = scenario.inputs[i % scenario.inputs.length]!;
    const pattern = likePatternFor(input) ?? "%";
    const cursor = decodeCursor(input.cursor);
    const ids = cursor
      ? pool.query<{ id: number; key: string }>(
          `SELECT sc.id, sc."parentKey" AS key FROM "StudentContact" sc
           WHERE sc."removedAt" IS NULL AND sc."parentKey" LIKE $1 ESCAPE '\\' AND (sc."parentKey", sc.id) > ($2::text COLLATE "C", $3::int)
           ORDER BY sc."parentKey" ASC, sc.id ASC LIMIT $4`,
          [pattern, cursor.key, cursor.id, PAGE_SIZE + 1],
        )
      : pool.query<{ id: number; key: string }>(
          `SELECT sc.id, sc."parentKey" AS key FROM "StudentContact" sc
           WHERE sc."removedAt" IS NULL AND sc."parentKey" LIKE $1 ESCAPE '\\' ORDER BY sc."parentKey" ASC, sc.id ASC LIMIT $2`,
          [pattern, PAGE_SIZE + 1],
        );
    const count = pool.query(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM "StudentContact" sc WHERE sc."removedAt" IS NULL AND sc."parentKey" LIKE $1 ESCAPE '\\' LIMIT $2) AS capped`,
      [pattern, COUNT_CAP + 1],
    );
    const settings = pool.query(`SELECT "staffEmailDomains" FROM "DistrictSettings" WHERE id = 1`);
    const [page] = await Promise.all([ids, count, settings]);
    await pool.query(ROWS_SQL, [page.rows.slice(0, PAGE_SIZE).map((row) => row.id)]);
  };
}

/**
 * The naive grid: the same result (a page of 50 and the number of matches), filtered with
 * ILIKE on the contact's last name through the joins and paged with OFFSET. Page and count
 * run in parallel, as searchParents runs its page and count.
 */
export function baselineRunner(pool: pg.Pool, scenario: Scenario) {
  return async (i: number) => {
    const pattern = scenario.baseline.patterns[i % scenario.baseline.patterns.length];
    await Promise.all([
      pool.query(
        `SELECT sc.id, c."firstName", c."lastName", c.email, s."firstName" AS child_first, s."lastName" AS child_last,
                s."studentNumber", s.grade, sch.name AS school, sc.relationship, pa.username, pa.status
         FROM "StudentContact" sc
         JOIN "Contact" c ON c.id = sc."contactId"
         JOIN "Student" s ON s.id = sc."studentId"
         JOIN "School" sch ON sch.id = s."schoolId"
         LEFT JOIN "ParentAccount" pa ON pa."contactId" = c.id
         WHERE c."lastName" ILIKE $1
         ORDER BY c."lastName", c."firstName", sc.id
         LIMIT $2 OFFSET $3`,
        [pattern, PAGE_SIZE, scenario.baseline.offset],
      ),
      pool.query(`SELECT count(*) FROM "StudentContact" sc JOIN "Contact" c ON c.id = sc."contactId" WHERE c."lastName" ILIKE $1`, [pattern]),
    ]);
  };
}
