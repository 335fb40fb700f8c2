// Parent logins that staff reset and that are not re-created yet, oldest reset first, with
// the filters of the pending page. Schools are those of the children when the login was
// reset (ParentLoginReset.schoolIds), so filtering and counting never join the links. Reads the partial index on open follow-ups
// (ParentLoginReset_pending_idx), so the cost follows the pending rows, not the 2M links.
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PendingCursor, PendingFilters } from "@/lib/follow-up/pending-search-params";

export interface PendingRow {
  id: number;
  contactId: number;
  parentName: string;
  email: string | null;
  username: string;
  schools: string[];
  resetAt: Date;
  resetBy: string | null;
  noticeResentAt: Date | null;
}

export interface SchoolCount {
  schoolId: number;
  name: string;
  pending: number;
}

/** What makes a follow-up pending: open, the login still RESET, the contact still on the roster. */
export function pendingWhere(filters: PendingFilters, options: { ignoreSchool?: boolean } = {}): Prisma.Sql {
  const conditions = [
    Prisma.sql`r."reregisteredAt" IS NULL`,
    Prisma.sql`a.status = 'RESET'`,
    Prisma.sql`a."disabledAt" IS NULL`,
    Prisma.sql`c."removedAt" IS NULL`,
  ];
  if (filters.resetFrom) conditions.push(Prisma.sql`r."resetAt" >= ${filters.resetFrom}`);
  if (filters.resetToExclusive) conditions.push(Prisma.sql`r."resetAt" < ${filters.resetToExclusive}`);
  if (filters.resetBefore) conditions.push(Prisma.sql`r."resetAt" < ${filters.resetBefore}`);
  if (filters.resetById) conditions.push(Prisma.sql`r."resetById" = ${filters.resetById}`);
  // The schools recorded at reset time (GIN index on open follow-ups), not a join to the links.
  if (filters.schoolId && !options.ignoreSchool) conditions.push(Prisma.sql`r."schoolIds" @> ARRAY[${filters.schoolId}]::int[]`);
  return Prisma.join(conditions, " AND ");
}

const PENDING_FROM = Prisma.sql`"ParentLoginReset" r
  JOIN "ParentAccount" a ON a.id = r."accountId"
  JOIN "Contact" c ON c.id = r."contactId"`;

export async function searchPendingReregistrations(
  filters: PendingFilters,
  page: { size: number; after?: PendingCursor },
): Promise<{ rows: PendingRow[]; next?: PendingCursor }> {
  const keyset = page.after ? Prisma.sql`AND (r."resetAt", r.id) > (${page.after.resetAt}, ${page.after.id})` : Prisma.empty;
  const rows = await prisma.$queryRaw<PendingRow[]>`
    SELECT r.id, r."contactId", trim(c."firstName" || ' ' || c."lastName") AS "parentName", c.email, a.username,
      ARRAY(SELECT sch.name FROM "School" sch WHERE sch.id = ANY(r."schoolIds") ORDER BY sch.name) AS schools,
      r."resetAt", s.email AS "resetBy", r."noticeResentAt"
    FROM ${PENDING_FROM}
    LEFT JOIN "StaffUser" s ON s.id = r."resetById"
    WHERE ${pendingWhere(filters)} ${keyset}
    ORDER BY r."resetAt", r.id
    LIMIT ${page.size + 1}`;
  const more = rows.length > page.size;
  const shown = rows.slice(0, page.size);
  const last = shown.at(-1);
  return { rows: shown, next: more && last ? { resetAt: last.resetAt, id: last.id } : undefined };
}

/** Pending logins under the filters, and per school at reset time (a parent with children in two schools counts in both). */
export async function countPendingReregistrations(filters: PendingFilters): Promise<{ total: number; bySchool: SchoolCount[] }> {
  const [totals, bySchool] = await Promise.all([
    prisma.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM ${PENDING_FROM} WHERE ${pendingWhere(filters)}`,
    prisma.$queryRaw<SchoolCount[]>`
      SELECT sch.id AS "schoolId", sch.name, per.pending
      FROM (
        SELECT unnest(r."schoolIds") AS "schoolId", count(*)::int AS pending
        FROM ${PENDING_FROM}
        WHERE ${pendingWhere(filters, { ignoreSchool: true })}
        GROUP BY 1
      ) per
      JOIN "School" sch ON sch.id = per."schoolId"
      ORDER BY sch.name`,
  ]);
  return { total: totals[0]?.total ?? 0, bySchool };
}
