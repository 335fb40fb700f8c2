// The ids of one page of the grid, keyset-paged in every order. Each probe's condition is its
// own branch, read in the page's order with LIMIT from an index (the name key's, a word key's,
// or for the few rows a student ID, e-mail, username or phone names, a sort of those rows);
// the branches are merged, a row found twice keeps its first probe, and the page is cut.
// The order is always (sort column's key, name key, id), every one a StudentContact column
// with a btree in that order (migration 20261126180000_parent_search_keys).
import { Prisma } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/db";
import type { ParentSearch, SortColumn } from "@/lib/parents/search-schema";
import type { KeysetCursor } from "@/lib/parents/search-cursor";
import { probeCondition, rosterStateSql } from "@/lib/parents/search-probe-sql";
import type { MatchKind, SearchPlan } from "@/lib/parents/search-probes";

/** Whitelisted sort keys (columns of StudentContact); the default order is the name key alone. */
const SORT_KEY_COLUMNS: Record<Exclude<SortColumn, "parent">, string> = {
  child: "sortChild",
  studentNumber: "sortStudentNumber",
  school: "sortSchool",
  grade: "sortGrade",
  relationship: "sortRelationship",
  username: "sortUsername",
  status: "sortStatus",
};

export interface PageIds {
  rows: { id: number; keys: string[]; kind: MatchKind | null }[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

interface Branch {
  condition: Prisma.Sql | null;
  kind: MatchKind | null;
}

export function searchBranches(plan: SearchPlan): Branch[] {
  if (plan.everything) return [{ condition: null, kind: null }];
  return plan.probes.map((probe) => ({ condition: probeCondition(probe), kind: probe.kind }));
}

function orderColumns(sort: SortColumn): Prisma.Sql[] {
  const name = Prisma.sql`sc."nameKey"`;
  return sort === "parent" ? [name] : [Prisma.raw(`sc."${SORT_KEY_COLUMNS[sort]}"`), name];
}

interface PageQuery {
  sql: Prisma.Sql;
  branches: Branch[];
  columns: number;
  cursor: KeysetCursor | null;
  backwards: boolean;
}

/** The page's SQL (exported for EXPLAIN in tests and the benchmark); null when nothing can match. */
export function pageIdsQuery(search: ParentSearch, plan: SearchPlan, given: KeysetCursor | null): PageQuery | null {
  const columns = orderColumns(search.sort);
  const cursor = given && given.keys.length === columns.length ? given : null;
  const branches = searchBranches(plan);
  if (branches.length === 0) return null;
  const backwards = cursor?.direction === "before";
  const desc = (search.dir === "desc") !== backwards;
  const dir = desc ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const tuple = Prisma.join([...columns, Prisma.sql`sc.id`]);
  const position = cursor
    ? Prisma.sql`AND (${tuple}) ${desc ? Prisma.sql`<` : Prisma.sql`>`} (${Prisma.join([
        ...cursor.keys.map((key) => Prisma.sql`${key}::text COLLATE "C"`),
        Prisma.sql`${cursor.id}::int`,
      ])})`
    : Prisma.empty;
  // Page numbers without a cursor (a hand-typed link) still work, with OFFSET.
  const offset = cursor ? 0 : (search.page - 1) * search.size;
  const limit = offset + search.size + 1;
  const selectKeys = Prisma.join(columns.map((column, index) => Prisma.sql`${column} AS ${Prisma.raw(`k${index}`)}`));
  const orderBy = Prisma.join([...columns, Prisma.sql`sc.id`].map((column) => Prisma.sql`${column} ${dir}`));
  const rosterState = rosterStateSql(search.removed);
  const keyNames = columns.map((_, index) => Prisma.raw(`k${index}`));
  const outerOrder = Prisma.join([...keyNames, Prisma.sql`id`].map((column) => Prisma.sql`${column} ${dir}`));
  const branchSql = branches.map((branch, rank) => {
    const matching = Prisma.sql`SELECT sc.id, ${selectKeys}, ${rank}::int AS rank FROM "StudentContact" sc
      WHERE ${rosterState} ${branch.condition ? Prisma.sql`AND ${branch.condition}` : Prisma.empty} ${position}`;
    // A name prefix or letter may match half the grid: read it in index order and stop. The
    // other probes match few rows: OFFSET 0 keeps the planner from walking the whole grid in
    // order hoping to meet them (the LIMIT trap); they are found by their own index, then sorted.
    if (branch.kind === "name" || branch.kind === null) return Prisma.sql`(${matching} ORDER BY ${orderBy} LIMIT ${limit})`;
    return Prisma.sql`(SELECT * FROM (${matching} OFFSET 0) AS sc ORDER BY ${outerOrder} LIMIT ${limit})`;
  });
  const sql =
    branchSql.length === 1
      ? Prisma.sql`${branchSql[0]!} OFFSET ${offset}`
      : Prisma.sql`SELECT id, ${Prisma.join(keyNames)}, rank FROM (
          SELECT DISTINCT ON (id) * FROM (${Prisma.join(branchSql, " UNION ALL ")}) AS branch ORDER BY id, rank
        ) AS merged ORDER BY ${outerOrder} LIMIT ${limit} OFFSET ${offset}`;
  return { sql, branches, columns: columns.length, cursor, backwards };
}

export async function pageIds(search: ParentSearch, plan: SearchPlan, given: KeysetCursor | null): Promise<PageIds> {
  const query = pageIdsQuery(search, plan, given);
  if (!query) return { rows: [], hasNextPage: false, hasPreviousPage: false };
  const found = await prisma.$queryRaw<({ id: number; rank: number } & Record<string, string>)[]>(query.sql);
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
 * How many rows the search matches, counted up to `cap` + 1: the first probe's rows (an index
 * range, as before), plus the other probes' rows that the first did not match (small indexes).
 */
export async function countMatches(search: Pick<ParentSearch, "removed">, plan: SearchPlan, cap: number): Promise<number> {
  const branches = searchBranches(plan);
  if (branches.length === 0) return 0;
  const rosterState = rosterStateSql(search.removed);
  const [first, ...others] = branches;
  const firstCondition = first!.condition ? Prisma.sql`AND ${first!.condition}` : Prisma.empty;
  const firstCount = Prisma.sql`(SELECT count(*) FROM (SELECT 1 FROM "StudentContact" sc WHERE ${rosterState} ${firstCondition} LIMIT ${cap + 1}) AS capped)`;
  const otherConditions = others.flatMap((branch) => (branch.condition ? [branch.condition] : []));
  const otherCount =
    otherConditions.length === 0 || !first!.condition
      ? Prisma.sql`0`
      : Prisma.sql`(SELECT count(*) FROM (SELECT 1 FROM "StudentContact" sc WHERE ${rosterState}
          AND (${Prisma.join(otherConditions, " OR ")}) AND NOT ${first!.condition} LIMIT ${cap + 1}) AS capped)`;
  const [row] = await prisma.$queryRaw<{ n: number }[]>`SELECT (${firstCount} + ${otherCount})::int AS n`;
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
