// Pending re-registration: parents whose login staff reset and who have not created it
// again, with filters (school, reset date, who reset, at least N days), counts per school,
// "resend the notice" and a CSV export. Thin: parse the URL, run the queries, render.
import Link from "next/link";
import type { Metadata } from "next";
import { requireStaffPage } from "@/lib/auth/current-principal";
import { prisma } from "@/lib/db";
import {
  decodePendingCursor,
  encodePendingCursor,
  parsePendingSearchParams,
  PENDING_PAGE_SIZE,
  pendingFiltersFromParams,
  pendingQueryString,
} from "@/lib/follow-up/pending-search-params";
import { countPendingReregistrations, searchPendingReregistrations } from "@/lib/follow-up/search-pending-reregistrations";
import { PendingFilters } from "./_components/pending-filters";
import { PendingTable } from "./_components/pending-table";
import { resendResetNoticesAction } from "./_lib/actions";

export const metadata: Metadata = { title: "Pending re-registration" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const DAY_MS = 86_400_000;

export default async function PendingPage({ searchParams }: { searchParams: SearchParams }) {
  await requireStaffPage("parents:reset");
  const params = parsePendingSearchParams(await searchParams);
  const now = new Date();
  const filters = pendingFiltersFromParams(params, now);
  const [page, counts, schools, staff] = await Promise.all([
    searchPendingReregistrations(filters, { size: PENDING_PAGE_SIZE, after: decodePendingCursor(params.after) }),
    countPendingReregistrations(filters),
    prisma.school.findMany({ where: { removedAt: null }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    resettersOfOpenFollowUps(),
  ]);
  const rows = page.rows.map((row) => ({
    ...row,
    resetAt: row.resetAt.toISOString(),
    noticeResentAt: row.noticeResentAt?.toISOString() ?? null,
    daysPending: Math.floor((now.getTime() - row.resetAt.getTime()) / DAY_MS),
  }));
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">Pending re-registration</h1>
      <p className="text-sm text-slate-700">Parents whose login was reset and who have not created it again, oldest reset first.</p>
      <PendingFilters params={params} options={{ schools, staff }} />
      <section aria-labelledby="pending-count" className="space-y-2">
        <h2 id="pending-count" className="text-sm font-medium text-slate-900" data-testid="pending-total">
          {counts.total.toLocaleString("en-US")} {counts.total === 1 ? "parent" : "parents"} waiting
        </h2>
        {counts.bySchool.length > 0 ? (
          <table className="text-sm" data-testid="pending-by-school">
            <caption className="sr-only">Parents waiting per school</caption>
            <thead>
              <tr className="text-left text-slate-700">
                <th scope="col" className="pe-6 font-medium">School</th>
                <th scope="col" className="font-medium">Waiting</th>
              </tr>
            </thead>
            <tbody>
              {counts.bySchool.map((school) => (
                <tr key={school.schoolId}>
                  <th scope="row" className="pe-6 text-left font-normal">
                    <Link className="text-blue-700 underline-offset-2 hover:underline" href={`/console/pending?${pendingQueryString(params, { school: school.schoolId })}`}>
                      {school.name}
                    </Link>
                  </th>
                  <td>{school.pending.toLocaleString("en-US")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      <PendingTable rows={rows} resend={resendResetNoticesAction} />
      <nav aria-label="Pages" className="flex gap-3 text-sm">
        {params.after ? (
          <Link className="text-blue-700 underline" href={`/console/pending?${pendingQueryString(params)}`}>
            First page
          </Link>
        ) : null}
        {page.next ? (
          <Link className="text-blue-700 underline" href={`/console/pending?${pendingQueryString(params, { after: encodePendingCursor(page.next) })}`}>
            Next page
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

/** The "reset by" choices: only the staff who reset a login still pending, not the whole staff list. */
async function resettersOfOpenFollowUps() {
  // DISTINCT in the database (Prisma's `distinct` would fetch every open row first).
  const rows = await prisma.$queryRaw<{ id: number }[]>`
    SELECT DISTINCT "resetById" AS id FROM "ParentLoginReset" WHERE "reregisteredAt" IS NULL AND "resetById" IS NOT NULL`;
  const ids = rows.map((row) => row.id);
  return prisma.staffUser.findMany({ where: { id: { in: ids } }, select: { id: true, email: true }, orderBy: { email: "asc" } });
}

