// What the benchmark measures for the grid (issues 2 and 10): every search kind in the default
// (name) order, then every other sort column on a name prefix, a letter and "All", each on its
// first page and on a deep keyset page, through the domain query (searchParents), against a
// naive baseline (ILIKE through the joins, ORDER BY the joined column, OFFSET paging).
import type pg from "pg";
import { countMatchingRows, searchParents } from "@/lib/parents/search-parents";
import { MAX_BULK_RESET_CAP } from "@/lib/settings/district-settings-schema";
import { parentSearchSchema, SORT_COLUMNS, type ParentSearch, type SortColumn } from "@/lib/parents/search-schema";

export const PAGE_SIZE = 50;
/** The deep page: reached by following "next" DEEP_PAGE - 1 times, as a person paging would. */
export const DEEP_PAGE = 20;

/** Issue 10's targets for the domain query and through HTTP, in ms at p95. */
export const KIND_TARGET = { domainP95: 10, httpP95: 40 };
export const SORT_TARGET = { domainP95: 25, httpP95: 40 };

const PREFIXES = ["garc", "ngu", "smi", "al-", "tr", "m", "johns", "hern", "le", "mansour"];
// Typed without the punctuation or with spaces instead: "Al-Hassan", "El-Sayed", "Abu-Bakr".
const COMPACT_PREFIXES = ["alhas", "al hassan", "el sayed", "elsay", "abubakr", "abu bakr", "almasri", "al rash"];
// Later words of compound last names ("Al-Masri" by "masri").
const WORDS = ["hassan", "masri", "rashid", "khatib", "sayed", "amin"];
const LETTERS = "ABCDEFGHIJKLMNOPRSTVWY".split("");
const SORT_PREFIXES = ["garc", "ngu", "smi", "m", "le"];
const SORT_LETTERS = ["A", "G", "M", "N", "S", "T"];

/** The naive query's filter (on $1, one value per input) and order. */
interface Baseline {
  where: string;
  values: string[];
  orderBy: string;
  offset: number;
}

export interface Scenario {
  name: string;
  inputs: ParentSearch[];
  baseline: Baseline;
  target: { domainP95: number; httpP95: number };
  /**
   * Not the grid's search but a site admin's "select all matching" count of the same inputs, up
   * to the largest bulk reset (countMatchingRows, asked once a whole page of a "1,000+" search is
   * selected); a server action, so no HTTP figure.
   */
  selectAllCount?: boolean;
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

async function deepOnes(firsts: ParentSearch[]) {
  const deep = await Promise.all(firsts.map(deepSearch));
  return deep.filter((input): input is ParentSearch => input !== null);
}

// Naive orders: the joined column itself, as an unindexed grid would sort it.
const NAIVE_ORDER: Record<SortColumn, string> = {
  parent: `c."lastName", c."firstName", sc.id`,
  child: `s."lastName", s."firstName", sc.id`,
  studentNumber: `s."studentNumber", sc.id`,
  school: `sch.name, sc.id`,
  grade: `s.grade, sc.id`,
  relationship: `sc.relationship, sc.id`,
  username: `pa.username, sc.id`,
  status: `pa.status, sc.id`,
};

const nameBaseline = (values: string[], sort: SortColumn, deep: boolean): Baseline => ({
  where: `c."lastName" ILIKE $1`,
  values,
  orderBy: NAIVE_ORDER[sort],
  offset: deep ? (DEEP_PAGE - 1) * PAGE_SIZE : 0,
});

/** Real values to look up: student IDs, e-mails (in another case), usernames, phones (reformatted). */
async function sampleValues(pool: pg.Pool) {
  const { rows } = await pool.query<{ student_number: string; email: string | null; username: string | null; phone: string | null }>(`
    SELECT s."studentNumber" AS student_number, c.email, pa.username, c.phone
    FROM "StudentContact" sc TABLESAMPLE SYSTEM (1) REPEATABLE (42)
    JOIN "Student" s ON s.id = sc."studentId" JOIN "Contact" c ON c.id = sc."contactId"
    LEFT JOIN "ParentAccount" pa ON pa."contactId" = c.id
    WHERE sc."removedAt" IS NULL LIMIT 20`);
  const pick = <T>(values: (T | null)[]) => values.filter((value): value is T => value !== null).slice(0, 10);
  return {
    studentNumbers: pick(rows.map((row) => row.student_number)),
    emails: pick(rows.map((row) => row.email?.toUpperCase() ?? null)),
    usernames: pick(rows.map((row) => row.username)),
    phones: pick(
      rows.map((row) => {
        const digits = row.phone?.replace(/[^0-9]/g, "") ?? "";
        return digits.length === 10 ? `(${digits.slice(0, 3)}) ${digits.slice(3, 6)} ${digits.slice(6)}` : null;
      }),
    ),
  };
}

function kindScenario(name: string, values: string[], where: string, pattern: (value: string) => string): Scenario {
  return {
    name,
    inputs: values.map((q) => search({ q })),
    baseline: { where, values: values.map(pattern), orderBy: NAIVE_ORDER.parent, offset: 0 },
    target: KIND_TARGET,
  };
}

async function defaultOrderScenarios(pool: pg.Pool): Promise<Scenario[]> {
  const contains = (q: string) => `%${q}%`;
  const prefixes = PREFIXES.map((q) => search({ q }));
  const letters = LETTERS.map((letter) => search({ letter }));
  const all = [search({})];
  const samples = await sampleValues(pool);
  const named = (name: string, inputs: ParentSearch[], values: string[], deep = false): Scenario => ({
    name,
    inputs,
    baseline: nameBaseline(values, "parent", deep),
    target: KIND_TARGET,
  });
  return [
    named("prefix, first page", prefixes, PREFIXES.map(contains)),
    named(`prefix, page ${DEEP_PAGE}`, await deepOnes(prefixes), PREFIXES.map(contains), true),
    named("prefix without punctuation", COMPACT_PREFIXES.map((q) => search({ q })), COMPACT_PREFIXES.map(contains)),
    named("word of a compound last name", WORDS.map((q) => search({ q })), WORDS.map(contains)),
    named("letter, first page", letters, LETTERS.map((letter) => `${letter}%`)),
    named(`letter, page ${DEEP_PAGE}`, await deepOnes(letters), LETTERS.map((letter) => `${letter}%`), true),
    named("All, first page", all, ["%"]),
    named(`All, page ${DEEP_PAGE}`, await deepOnes(all), ["%"], true),
    { ...named("select-all count to 10,000: prefix", prefixes, PREFIXES.map(contains)), target: SORT_TARGET, selectAllCount: true },
    { ...named("select-all count to 10,000: letter", letters, LETTERS.map((letter) => `${letter}%`)), target: SORT_TARGET, selectAllCount: true },
    { ...named("select-all count to 10,000: All", all, ["%"]), target: SORT_TARGET, selectAllCount: true },
    kindScenario("student ID", samples.studentNumbers, `s."studentNumber" ILIKE $1`, contains),
    kindScenario("e-mail", samples.emails, `c.email ILIKE $1`, contains),
    kindScenario("username", samples.usernames, `pa.username ILIKE $1`, contains),
    kindScenario("phone", samples.phones, `regexp_replace(c.phone, '[^0-9]', '', 'g') ILIKE $1`, (q) => contains(q.replace(/[^0-9]/g, ""))),
  ];
}

async function sortScenarios(sort: Exclude<SortColumn, "parent">): Promise<Scenario[]> {
  const prefixes = SORT_PREFIXES.map((q) => search({ q, sort }));
  const letters = SORT_LETTERS.map((letter) => search({ letter, sort }));
  const all = [search({ sort }), search({ sort, dir: "desc" })];
  const prefixValues = SORT_PREFIXES.map((q) => `%${q}%`);
  const letterValues = SORT_LETTERS.map((letter) => `${letter}%`);
  const scenario = (name: string, inputs: ParentSearch[], values: string[], deep: boolean): Scenario => ({
    name: `by ${sort}: ${name}`,
    inputs,
    baseline: nameBaseline(values, sort, deep),
    target: SORT_TARGET,
  });
  return [
    scenario("prefix, first page", prefixes, prefixValues, false),
    scenario(`prefix, page ${DEEP_PAGE}`, await deepOnes(prefixes), prefixValues, true),
    scenario("letter, first page", letters, letterValues, false),
    scenario(`letter, page ${DEEP_PAGE}`, await deepOnes(letters), letterValues, true),
    scenario("All, first page", all, ["%"], false),
    scenario(`All, page ${DEEP_PAGE}`, await deepOnes(all), ["%"], true),
  ];
}

export async function buildScenarios(pool: pg.Pool): Promise<Scenario[]> {
  const scenarios = await defaultOrderScenarios(pool);
  for (const sort of SORT_COLUMNS) if (sort !== "parent") scenarios.push(...(await sortScenarios(sort)));
  return scenarios.filter((scenario) => scenario.inputs.length > 0);
}

export function domainRunner(scenario: Scenario) {
  const input = (i: number) => scenario.inputs[i % scenario.inputs.length]!;
  if (scenario.selectAllCount) return (i: number) => countMatchingRows(input(i), MAX_BULK_RESET_CAP);
  return (i: number) => searchParents(input(i));
}

/**
 * The naive grid: the same result (a page of 50 and the number of matches), filtered with
 * ILIKE through the joins, ordered by the joined column and paged with OFFSET. Page and count
 * run in parallel, as searchParents runs its page and count.
 */
export function baselineRunner(pool: pg.Pool, scenario: Scenario) {
  const { where, values, orderBy, offset } = scenario.baseline;
  const from = `FROM "StudentContact" sc
    JOIN "Contact" c ON c.id = sc."contactId"
    JOIN "Student" s ON s.id = sc."studentId"
    JOIN "School" sch ON sch.id = s."schoolId"
    LEFT JOIN "ParentAccount" pa ON pa."contactId" = c.id`;
  return async (i: number) => {
    const value = values[i % values.length]!;
    await Promise.all([
      pool.query(
        `SELECT sc.id, c."firstName", c."lastName", c.email, s."firstName" AS child_first, s."lastName" AS child_last,
                s."studentNumber", s.grade, sch.name AS school, sc.relationship, pa.username, pa.status
         ${from} WHERE ${where} ORDER BY ${orderBy} LIMIT $2 OFFSET $3`,
        [value, PAGE_SIZE, offset],
      ),
      pool.query(`SELECT count(*) ${from} WHERE ${where}`, [value]),
    ]);
  };
}
