// The Reset Parent Login grid's query. Page ids come first from StudentContact alone (keyset
// in every order, search-page-ids.ts); only those ids are then joined to contact, student,
// school and account. Each row says which probe found it (student ID, e-mail, name...).
import { sqlRows } from "@/lib/db-sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { metrics, secondsSince } from "@/lib/ops/metrics";
import { getDistrictSettings, isStaffEmail } from "@/lib/settings/district-settings";
import type { ParentSearch } from "@/lib/parents/search-schema";
import { decodeCursor, encodeCursor } from "@/lib/parents/search-cursor";
import { countMatches, pageIds } from "@/lib/parents/search-page-ids";
import { searchPlan, type MatchKind } from "@/lib/parents/search-probes";

/**
 * Counting stops here, for every staff member: "1,000+" is all an agent looking for one caller
 * needs. Counting on to 10,001 read ten times the index entries, ~3 ms of a ~7 ms search at 2M
 * rows. A site admin who selects a whole page of a larger search gets the count up to the
 * district's bulk-reset cap on demand (countMatchingRows), for "select all N matching".
 */
export const COUNT_CAP = 1_000;

/**
 * "Select all N matching": the roster's rows a search matches, counted up to `cap` (the district's
 * bulk-reset cap), as resolveMatchingLinkIds would take them for the reset.
 */
export async function countMatchingRows(search: Pick<ParentSearch, "q" | "letter">, cap: number): Promise<ParentSearchResult["total"]> {
  return cappedTotal(await countMatches({ removed: false }, searchPlan(search), cap), cap);
}

/** A count taken up to `cap` + 1, as the grid states it ("1,000+"). */
function cappedTotal(count: number, cap: number): ParentSearchResult["total"] {
  return count > cap ? { count: cap, capped: true } : { count, capped: false };
}

export type LoginStatus = "ACTIVE" | "RESET" | "PENDING_PASSWORD_CHANGE" | "NONE";

export interface ParentRow {
  linkId: number;
  contactId: number;
  parentFirstName: string;
  parentLastName: string;
  username: string | null;
  email: string | null;
  /** The contact's address is in a staff domain (parents must use a personal address). */
  staffEmail: boolean;
  status: LoginStatus;
  childFirstName: string;
  childLastName: string;
  studentNumber: string;
  school: string;
  grade: string;
  relationship: string;
  /** ISO time staff last reset the login through this row. */
  resetAt: string | null;
  /** The roster removed the link, its student or its contact (shown only in the "removed" view). */
  removed: boolean;
  /** What the typed search matched on this row; null when browsing by letter or "All". */
  match?: MatchKind | null;
}

export interface ParentSearchResult {
  rows: ParentRow[];
  total: { count: number; capped: boolean };
  pageInfo: {
    page: number;
    size: number;
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    /** Keyset cursors (every order); null at either end. */
    nextCursor: string | null;
    previousCursor: string | null;
  };
}

/** The order a cursor belongs to. */
export function cursorOrder(search: Pick<ParentSearch, "sort" | "dir">): string {
  return `${search.sort}:${search.dir}`;
}

type RowRecord = Omit<ParentRow, "staffEmail" | "resetAt" | "status" | "match"> & { resetAt: Date | null; status: LoginStatus | null };

/** The grid rows for these StudentContact ids, in the order given. */
export async function loadParentRows(
  ids: number[],
  staffEmailDomains: readonly string[],
  matches: ReadonlyMap<number, MatchKind | null> = new Map(),
): Promise<ParentRow[]> {
  if (ids.length === 0) return [];
  const records = await sqlRows<RowRecord>(Prisma.sql`
    SELECT sc.id AS "linkId", sc."contactId", sc.relationship, k."resetAt", sc."removedAt" IS NOT NULL AS removed,
           c."firstName" AS "parentFirstName", c."lastName" AS "parentLastName", c.email,
           s."firstName" AS "childFirstName", s."lastName" AS "childLastName", s."studentNumber", s.grade,
           sch.name AS school, pa.username, pa.status::text AS status
    FROM "StudentContact" sc
    JOIN "Contact" c ON c.id = sc."contactId"
    JOIN "Student" s ON s.id = sc."studentId"
    JOIN "School" sch ON sch.id = s."schoolId"
    LEFT JOIN "ParentAccount" pa ON pa."contactId" = sc."contactId"
    LEFT JOIN "StudentContactLoginKey" k ON k.id = sc.id
    WHERE sc.id = ANY(${ids}::int[])`,
    { preparedAs: "grid-rows" },
  );
  const byId = new Map(records.map((record) => [record.linkId, record]));
  return ids.flatMap((id) => {
    const record = byId.get(id);
    if (!record) return [];
    return [
      {
        ...record,
        status: record.status ?? "NONE",
        staffEmail: record.email ? isStaffEmail(record.email, staffEmailDomains) : false,
        resetAt: record.resetAt ? record.resetAt.toISOString() : null,
        match: matches.get(id) ?? null,
      },
    ];
  });
}

export async function searchParents(
  search: ParentSearch,
  options: { staffEmailDomains?: readonly string[]; countCap?: number; /** Tests: see SORTED_IN_MEMORY_UP_TO. */ sortedInMemoryUpTo?: number } = {},
): Promise<ParentSearchResult> {
  const countCap = options.countCap ?? COUNT_CAP;
  const startedAt = performance.now();
  const plan = searchPlan(search);
  const order = cursorOrder(search);
  const cursor = decodeCursor(search.cursor, order);
  const [page, count, staffEmailDomains] = await Promise.all([
    pageIds(search, plan, cursor, options.sortedInMemoryUpTo),
    countMatches(search, plan, countCap),
    options.staffEmailDomains ?? getDistrictSettings().then((settings) => settings.staffEmailDomains),
  ]);
  const typed = Boolean(search.q);
  const matches = new Map(page.rows.map((row) => [row.id, typed ? row.kind : null]));
  const rows = await loadParentRows(
    page.rows.map((row) => row.id),
    staffEmailDomains,
    matches,
  );
  const first = page.rows[0];
  const last = page.rows.at(-1);
  metrics.gridSearchQuery.observe({ search: search.q ? "typed" : plan.everything ? "all" : "letter" }, secondsSince(startedAt));
  return {
    rows,
    total: cappedTotal(count, countCap),
    pageInfo: {
      page: search.page,
      size: search.size,
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      nextCursor: last && page.hasNextPage ? encodeCursor({ order, keys: last.keys, id: last.id, direction: "after" }) : null,
      previousCursor:
        first && page.hasPreviousPage ? encodeCursor({ order, keys: first.keys, id: first.id, direction: "before" }) : null,
    },
  };
}
