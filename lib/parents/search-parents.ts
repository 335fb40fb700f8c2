// The Reset Parent Login grid's query. Page ids come first from StudentContact alone (the
// C-collated ("parentKey", id) index: a range scan in order, no sort, keyset for deep
// pages); only those ids are then joined to contact, student, school and account.
import { Prisma } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/db";
import { getDistrictSettings, isStaffEmail } from "@/lib/settings/district-settings";
import { likePatternFor, type ParentSearch, type SortColumn } from "@/lib/parents/search-schema";
import { decodeCursor, encodeCursor, type KeysetCursor } from "@/lib/parents/search-cursor";

/** Counting stops here: "10,000+" is all a person needs, and it keeps counting cheap. */
export const COUNT_CAP = 10_000;

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
}

export interface ParentSearchResult {
  rows: ParentRow[];
  total: { count: number; capped: boolean };
  pageInfo: {
    page: number;
    size: number;
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    /** Keyset cursors (default order only); null when paging by page number. */
    nextCursor: string | null;
    previousCursor: string | null;
  };
}

/** Whitelisted ORDER BY expressions; the tie-breakers keep paging stable. */
const SORT_SQL: Record<Exclude<SortColumn, "parent">, (dir: Prisma.Sql) => Prisma.Sql> = {
  child: (dir) => Prisma.sql`lower(s."lastName") ${dir}, lower(s."firstName") ${dir}`,
  studentNumber: (dir) => Prisma.sql`s."studentNumber" ${dir}`,
  school: (dir) => Prisma.sql`sch.name ${dir}`,
  // Numeric grades in numeric order; "K", "PK" and the like before "1".
  grade: (dir) => Prisma.sql`(CASE WHEN s.grade ~ '^[0-9]+$' THEN s.grade::int ELSE -1 END) ${dir}, s.grade ${dir}`,
  relationship: (dir) => Prisma.sql`lower(sc.relationship) ${dir}`,
  username: (dir) => Prisma.sql`pa."usernameKey" ${dir} NULLS LAST`,
  status: (dir) => Prisma.sql`COALESCE(pa.status::text, 'NONE') ${dir}`,
};

function sqlDirection(desc: boolean) {
  return desc ? Prisma.sql`DESC` : Prisma.sql`ASC`;
}

/**
 * The WHERE clause of a search on StudentContact (alias sc). Rows still in the roster, or
 * (`removed`) only the removed ones: each condition must stay as written, it is the
 * predicate of its partial index and what makes PostgreSQL use it.
 */
export function searchWhere(search: Pick<ParentSearch, "q" | "letter"> & { removed?: boolean }): Prisma.Sql {
  const pattern = likePatternFor(search);
  const rosterState = search.removed ? Prisma.sql`sc."removedAt" IS NOT NULL` : Prisma.sql`sc."removedAt" IS NULL`;
  return pattern === null ? rosterState : Prisma.sql`${rosterState} AND sc."parentKey" LIKE ${pattern} ESCAPE '\\'`;
}

async function keysetPageIds(search: ParentSearch, where: Prisma.Sql, cursor: KeysetCursor | null) {
  const backwards = cursor?.direction === "before";
  const readDesc = (search.dir === "desc") !== backwards;
  const position = cursor
    ? readDesc
      ? Prisma.sql`AND (sc."parentKey", sc.id) < (${cursor.key}::text COLLATE "C", ${cursor.id}::int)`
      : Prisma.sql`AND (sc."parentKey", sc.id) > (${cursor.key}::text COLLATE "C", ${cursor.id}::int)`
    : Prisma.empty;
  const dir = sqlDirection(readDesc);
  const found = await prisma.$queryRaw<{ id: number; key: string }[]>`
    SELECT sc.id, sc."parentKey" AS key FROM "StudentContact" sc
    WHERE ${where} ${position}
    ORDER BY sc."parentKey" ${dir}, sc.id ${dir}
    LIMIT ${search.size + 1}`;
  const more = found.length > search.size;
  const page = found.slice(0, search.size);
  if (backwards) page.reverse();
  return {
    ids: page.map((row) => row.id),
    first: page[0],
    last: page.at(-1),
    hasNextPage: backwards ? true : more,
    hasPreviousPage: backwards ? more : cursor !== null,
  };
}

async function offsetPageIds(search: ParentSearch, where: Prisma.Sql) {
  const desc = search.dir === "desc";
  const order =
    search.sort === "parent"
      ? Prisma.sql`sc."parentKey" ${sqlDirection(desc)}, sc.id ${sqlDirection(desc)}`
      : Prisma.sql`${SORT_SQL[search.sort](sqlDirection(desc))}, sc."parentKey" ASC, sc.id ASC`;
  const joins =
    search.sort === "parent"
      ? Prisma.empty
      : Prisma.sql`JOIN "Student" s ON s.id = sc."studentId" JOIN "School" sch ON sch.id = s."schoolId"
                   LEFT JOIN "ParentAccount" pa ON pa."contactId" = sc."contactId"`;
  const found = await prisma.$queryRaw<{ id: number }[]>`
    SELECT sc.id FROM "StudentContact" sc ${joins}
    WHERE ${where}
    ORDER BY ${order}
    LIMIT ${search.size + 1} OFFSET ${(search.page - 1) * search.size}`;
  return {
    ids: found.slice(0, search.size).map((row) => row.id),
    first: undefined,
    last: undefined,
    hasNextPage: found.length > search.size,
    hasPreviousPage: search.page > 1,
  };
}

export async function countMatches(where: Prisma.Sql): Promise<{ count: number; capped: boolean }> {
  const [row] = await prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM "StudentContact" sc WHERE ${where} LIMIT ${COUNT_CAP + 1}) AS capped`;
  const count = row?.n ?? 0;
  return count > COUNT_CAP ? { count: COUNT_CAP, capped: true } : { count, capped: false };
}

type RowRecord = Omit<ParentRow, "staffEmail" | "resetAt" | "status"> & { resetAt: Date | null; status: LoginStatus | null };

/** The grid rows for these StudentContact ids, in the order given. */
export async function loadParentRows(ids: number[], staffEmailDomains: readonly string[]): Promise<ParentRow[]> {
  if (ids.length === 0) return [];
  const records = await prisma.$queryRaw<RowRecord[]>`
    SELECT sc.id AS "linkId", sc."contactId", sc.relationship, sc."resetAt", sc."removedAt" IS NOT NULL AS removed,
           c."firstName" AS "parentFirstName", c."lastName" AS "parentLastName", c.email,
           s."firstName" AS "childFirstName", s."lastName" AS "childLastName", s."studentNumber", s.grade,
           sch.name AS school, pa.username, pa.status::text AS status
    FROM "StudentContact" sc
    JOIN "Contact" c ON c.id = sc."contactId"
    JOIN "Student" s ON s.id = sc."studentId"
    JOIN "School" sch ON sch.id = s."schoolId"
    LEFT JOIN "ParentAccount" pa ON pa."contactId" = sc."contactId"
    WHERE sc.id = ANY(${ids}::int[])`;
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
      },
    ];
  });
}

export async function searchParents(
  search: ParentSearch,
  options: { staffEmailDomains?: readonly string[] } = {},
): Promise<ParentSearchResult> {
  const where = searchWhere(search);
  const cursor = search.sort === "parent" ? decodeCursor(search.cursor) : null;
  // A cursor pages in index order; page numbers without one fall back to OFFSET.
  const useKeyset = search.sort === "parent" && (cursor !== null || search.page === 1);
  const [page, total, staffEmailDomains] = await Promise.all([
    useKeyset ? keysetPageIds(search, where, cursor) : offsetPageIds(search, where),
    countMatches(where),
    options.staffEmailDomains ?? getDistrictSettings().then((settings) => settings.staffEmailDomains),
  ]);
  const rows = await loadParentRows(page.ids, staffEmailDomains);
  return {
    rows,
    total,
    pageInfo: {
      page: search.page,
      size: search.size,
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      nextCursor:
        page.last && page.hasNextPage ? encodeCursor({ key: page.last.key, id: page.last.id, direction: "after" }) : null,
      previousCursor:
        page.first && page.hasPreviousPage ? encodeCursor({ key: page.first.key, id: page.first.id, direction: "before" }) : null,
    },
  };
}
