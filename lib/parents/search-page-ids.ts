// The ids of one page of the grid, keyset-paged in every order. Each probe's condition is its
// own branch, read in the page's order with LIMIT from an index (the name key's, a word key's,
// or for the few rows a student ID, e-mail, username or phone names, a sort of those rows);
// the branches are merged, a row found twice keeps its first probe, and the page is cut.
// The order is always (sort column's key, name key, id), with a btree in that order on one
// table: StudentContact (migration 20261126180000_parent_search_keys), or for the login's
// username and status StudentContactLoginKey (20261126190000_login_sort_keys), which holds the
// link's id, name key and roster state beside them.
import { Prisma } from "@/lib/generated/prisma/client";
import { sqlRows } from "@/lib/db-sql";
import type { ParentSearch, SortColumn } from "@/lib/parents/search-schema";
import type { KeysetCursor } from "@/lib/parents/search-cursor";
import { probeCondition, probeConditions, rosterStateSql } from "@/lib/parents/search-probe-sql";
import { wordBranchesInNameOrder } from "@/lib/parents/search-word-branch";
import type { MatchKind, SearchPlan } from "@/lib/parents/search-probes";

/** Whitelisted sort keys (columns of StudentContact); the default order is the name key alone. */
const SORT_KEY_COLUMNS: Record<Exclude<SortColumn, "parent" | LoginSortColumn>, string> = {
  child: "sortChild",
  studentNumber: "sortStudentNumber",
  school: "sortSchool",
  grade: "sortGrade",
  relationship: "sortRelationship",
};

/** The login's sort keys (columns of StudentContactLoginKey). */
type LoginSortColumn = "username" | "status";
const LOGIN_SORT_KEY_COLUMNS: Record<LoginSortColumn, string> = {
  username: "sortUsername",
  status: "sortStatus",
};

function isLoginSort(sort: SortColumn): sort is LoginSortColumn {
  return sort in LOGIN_SORT_KEY_COLUMNS;
}

export interface PageIds {
  rows: { id: number; keys: string[]; kind: MatchKind | null }[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

interface Branch {
  condition: Prisma.Sql | null;
  kind: MatchKind | null;
  /** What the probe compares (null for "All"). */
  value: string | null;
}

export function searchBranches(plan: SearchPlan): Branch[] {
  if (plan.everything) return [{ condition: null, kind: null, value: null }];
  return plan.probes.map((probe) => ({ condition: probeCondition(probe), kind: probe.kind, value: probe.value }));
}

/** Where a branch reads its rows, and its order columns there (alias sc: the probes' conditions use it). */
interface BranchSource {
  from: Prisma.Sql;
  columns: Prisma.Sql[];
}

/**
 * A name prefix, a letter or "All" is read in order from the sort index itself; in a login sort
 * that is StudentContactLoginKey's, which has every column those conditions use. The few rows
 * of the other probes are found on StudentContact and given their login key by id.
 */
function branchSource(sort: SortColumn, indexOrdered: boolean): BranchSource {
  const links = Prisma.sql`"StudentContact" sc`;
  const name = Prisma.sql`sc."nameKey"`;
  if (sort === "parent") return { from: links, columns: [name] };
  if (!isLoginSort(sort)) return { from: links, columns: [Prisma.raw(`sc."${SORT_KEY_COLUMNS[sort]}"`), name] };
  const column = LOGIN_SORT_KEY_COLUMNS[sort];
  if (indexOrdered) return { from: Prisma.sql`"StudentContactLoginKey" sc`, columns: [Prisma.raw(`sc."${column}"`), name] };
  return {
    from: Prisma.sql`"StudentContact" sc JOIN "StudentContactLoginKey" lk ON lk.id = sc.id`,
    columns: [Prisma.raw(`lk."${column}"`), name],
  };
}

/** A name prefix or letter may match half the grid: read in index order and stopped. */
function isIndexOrdered(branch: Branch): boolean {
  return branch.kind === "name" || branch.kind === null;
}

/**
 * In another column's order, a name prefix matching at most this many rows has them read by the
 * name key's index and sorted (~2 ms); only a commoner one walks the column's index, where 51
 * matches are near (at worst ~2M / 2,000 x 51 entries, ~6 ms). Walking it for a rare prefix read
 * the whole index to find a handful of rows, or none (130-210 ms at 2M rows).
 */
export const SORTED_IN_MEMORY_UP_TO = 2_000;

interface PageQuery {
  sql: Prisma.Sql;
  /**
   * In name order from the first row or a cursor, the plan does not depend on the values (every
   * branch is read in index order or looked up by equality): planned once per connection.
   * Other sorts choose between walking their index and sorting a prefix's rows by how many
   * rows match, so they are planned for their values each time.
   */
  reusablePlan: boolean;
  branches: Branch[];
  columns: number;
  cursor: KeysetCursor | null;
  backwards: boolean;
}

/** The page's SQL (exported for EXPLAIN in tests and the benchmark); null when nothing can match. */
export function pageIdsQuery(search: ParentSearch, plan: SearchPlan, given: KeysetCursor | null, sortedUpTo = SORTED_IN_MEMORY_UP_TO): PageQuery | null {
  const columnCount = search.sort === "parent" ? 1 : 2;
  const cursor = given && given.keys.length === columnCount ? given : null;
  const branches = searchBranches(plan);
  if (branches.length === 0) return null;
  const backwards = cursor?.direction === "before";
  const desc = (search.dir === "desc") !== backwards;
  const dir = desc ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  // Page numbers without a cursor (a hand-typed link) still work, with OFFSET.
  const offset = cursor ? 0 : (search.page - 1) * search.size;
  // A literal, not a parameter: a plan made for any LIMIT assumes a tenth of the table.
  const limit = Prisma.raw(String(offset + search.size + 1));
  const rosterState = rosterStateSql(search.removed);
  const keyNames = Array.from({ length: columnCount }, (_, index) => Prisma.raw(`k${index}`));
  const outerOrder = Prisma.join([...keyNames, Prisma.sql`id`].map((column) => Prisma.sql`${column} ${dir}`));
  const positionOf = (columns: Prisma.Sql[]) =>
    cursor
      ? Prisma.sql`AND (${Prisma.join([...columns, Prisma.sql`sc.id`])}) ${desc ? Prisma.sql`<` : Prisma.sql`>`} (${Prisma.join([
          ...cursor.keys.map((key) => Prisma.sql`${key}::text COLLATE "C"`),
          Prisma.sql`${cursor.id}::int`,
        ])})`
      : Prisma.empty;
  const branchSql = branches.flatMap((branch, rank) => {
    const indexOrdered = isIndexOrdered(branch);
    const { from, columns } = branchSource(search.sort, indexOrdered);
    const position = positionOf(columns);
    if (branch.kind === "lastNameWord" && branch.value !== null && search.sort === "parent" && !search.removed) {
      return wordBranchesInNameOrder({ value: branch.value, rank, after: position, dir, limit });
    }
    const selectKeys = Prisma.join(columns.map((column, index) => Prisma.sql`${column} AS ${keyNames[index]!}`));
    const matching = Prisma.sql`SELECT sc.id, ${selectKeys}, ${rank}::int AS rank FROM ${from}
      WHERE ${rosterState} ${branch.condition ? Prisma.sql`AND ${branch.condition}` : Prisma.empty} ${position}`;
    if (indexOrdered) {
      const orderBy = Prisma.join([...columns, Prisma.sql`sc.id`].map((column) => Prisma.sql`${column} ${dir}`));
      const walk = Prisma.sql`(${matching} ORDER BY ${orderBy} LIMIT ${limit})`;
      if (search.sort === "parent" || branch.kind !== "name") return [walk];
      // Another column's order: a rare prefix's rows sorted, a common one's index walked
      // (SORTED_IN_MEMORY_UP_TO). The ids of up to that many + 1 matches come from the name
      // key's index alone; each side runs only when the count allows (a one-time filter).
      const few = branchSource(search.sort, false);
      const fewKeys = Prisma.join(few.columns.map((column, index) => Prisma.sql`${column} AS ${keyNames[index]!}`));
      const fewOrder = Prisma.join([...few.columns, Prisma.sql`sc.id`].map((column) => Prisma.sql`${column} ${dir}`));
      const bound = Prisma.raw(String(Math.max(0, Math.trunc(sortedUpTo))));
      return [
        Prisma.sql`(WITH prefix_ids AS MATERIALIZED (
            SELECT sc.id FROM "StudentContact" sc WHERE ${rosterState} AND ${branch.condition} LIMIT ${bound} + 1)
          SELECT * FROM (
            SELECT * FROM (SELECT sc.id, ${fewKeys}, ${rank}::int AS rank FROM ${few.from}
              WHERE sc.id = ANY(ARRAY(SELECT id FROM prefix_ids)) ${positionOf(few.columns)}
              ORDER BY ${fewOrder} LIMIT ${limit}) AS sorted
            WHERE (SELECT count(*) FROM prefix_ids) <= ${bound}
            UNION ALL
            SELECT * FROM ${walk} AS walked
            WHERE (SELECT count(*) FROM prefix_ids) > ${bound}
          ) AS either ORDER BY ${outerOrder} LIMIT ${limit})`,
      ];
    }
    // The other probes match few rows: OFFSET 0 keeps the planner from walking the whole grid in
    // order hoping to meet them (the LIMIT trap); they are found by their own index, then sorted.
    return [Prisma.sql`(SELECT * FROM (${matching} OFFSET 0) AS sc ORDER BY ${outerOrder} LIMIT ${limit})`];
  });
  const sql =
    branchSql.length === 1
      ? Prisma.sql`${branchSql[0]!} OFFSET ${offset}`
      : Prisma.sql`SELECT id, ${Prisma.join(keyNames)}, rank FROM (
          SELECT DISTINCT ON (id) * FROM (${Prisma.join(branchSql, " UNION ALL ")}) AS branch ORDER BY id, rank
        ) AS merged ORDER BY ${outerOrder} LIMIT ${limit} OFFSET ${offset}`;
  return { sql, reusablePlan: search.sort === "parent" && offset === 0, branches, columns: columnCount, cursor, backwards };
}

/** `sortedUpTo`: SORTED_IN_MEMORY_UP_TO but in tests of both ways. */
export async function pageIds(search: ParentSearch, plan: SearchPlan, given: KeysetCursor | null, sortedUpTo = SORTED_IN_MEMORY_UP_TO): Promise<PageIds> {
  const query = pageIdsQuery(search, plan, given, sortedUpTo);
  if (!query) return { rows: [], hasNextPage: false, hasPreviousPage: false };
  const found = await sqlRows<{ id: number; rank: number } & Record<string, string>>(query.sql, {
    preparedAs: query.reusablePlan ? "grid-page" : undefined,
  });
  const more = found.length > search.size;
  const page = found.slice(0, search.size);
  if (query.backwards) page.reverse();
  const keyIndexes = Array.from({ length: query.columns }, (_, index) => `k${index}`);
  return {
    rows: page.map((row) => ({
      id: row.id,
      keys: keyIndexes.map((name) => row[name] as string),
      kind: query.branches[row.rank]?.kind ?? null,
    })),
    hasNextPage: query.backwards ? true : more,
    hasPreviousPage: query.backwards ? more : query.cursor !== null || search.page > 1,
  };
}

/**
 * How many rows the search matches, counted up to `cap` + 1. Each index range a probe reads (the
 * name, each word position, a lookup) counts the rows no earlier range matched, stopped at the
 * cap; once the running total passes the cap the later ranges are not read. (ORed together, a
 * common word's three ranges were one bitmap of every match before the first row counted.)
 */
export async function countMatches(search: Pick<ParentSearch, "removed">, plan: SearchPlan, cap: number): Promise<number> {
  // Removed rows have no word indexes (they are partial on rows in the roster): there a word's
  // three ranges stay one condition, one scan, as three they would be three scans.
  const conditions: (Prisma.Sql | null)[] = plan.everything
    ? [null]
    : plan.probes.flatMap((probe) => (search.removed ? [probeCondition(probe)] : probeConditions(probe)));
  if (conditions.length === 0) return 0;
  const rosterState = rosterStateSql(search.removed);
  const limit = Math.trunc(cap) + 1;
  const counts = conditions.map((condition, index) => {
    const earlier = conditions.slice(0, index).map((other) => Prisma.sql`AND (${other}) IS NOT TRUE`);
    const matching = condition ? Prisma.sql`AND ${condition}` : Prisma.empty;
    return Prisma.sql`n${Prisma.raw(String(index))} AS MATERIALIZED (SELECT count(*)::int AS n FROM (
      SELECT 1 FROM "StudentContact" sc WHERE ${rosterState} ${matching} ${earlier.length ? Prisma.join(earlier, " ") : Prisma.empty}
      LIMIT ${Prisma.raw(String(limit))}) AS capped)`;
  });
  // A CTE is read when first needed: CASE stops at the first running total over the cap.
  const total = (upTo: number) => Prisma.raw(Array.from({ length: upTo + 1 }, (_, index) => `(SELECT n FROM n${index})`).join(" + "));
  const whens = conditions.slice(0, -1).map((_, index) => Prisma.sql`WHEN ${total(index)} >= ${Prisma.raw(String(limit))} THEN ${total(index)}`);
  const all = total(conditions.length - 1);
  const query = Prisma.sql`WITH ${Prisma.join(counts, ", ")}
    SELECT ${whens.length ? Prisma.sql`CASE ${Prisma.join(whens, " ")} ELSE ${all} END` : all} AS n`;
  // Index ranges and equality lookups, each stopped at the cap: planned once per connection.
  const [row] = await sqlRows<{ n: number }>(query, { preparedAs: "grid-count" });
  return row?.n ?? 0;
}

/** One WHERE clause for every probe (the bulk "select all matching" reads it once, capped). */
export function searchWhere(search: Pick<ParentSearch, "removed">, plan: SearchPlan): Prisma.Sql {
  const rosterState = rosterStateSql(search.removed);
  const conditions = searchBranches(plan).flatMap((branch) => (branch.condition ? [branch.condition] : []));
  if (plan.everything) return rosterState;
  if (conditions.length === 0) return Prisma.sql`FALSE`;
  return Prisma.sql`${rosterState} AND (${Prisma.join(conditions, " OR ")})`;
}
