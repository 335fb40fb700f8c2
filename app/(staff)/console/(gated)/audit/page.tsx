// Audit trail (site admins): thin page that parses the URL once, starts the queries
// without awaiting them, and streams the table in behind a skeleton.
import { Suspense } from "react";
import type { Metadata } from "next";
import { requireStaffPage } from "@/lib/auth/current-principal";
import { cursorFromParams, filtersFromParams, parseAuditSearchParams } from "@/lib/audit/audit-search-params";
import { countAuditEvents, searchAuditEvents } from "@/lib/audit/search-audit-events";
import { listAuditActions } from "@/lib/audit/list-audit-actions";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { FormAlert } from "@/components/ui/form-alert";
import { AuditFilters } from "./_components/audit-filters";
import { AuditTable } from "./_components/audit-table";
import { AuditTableSkeleton } from "./_components/audit-table-skeleton";

export const metadata: Metadata = { title: "Audit trail" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requireStaffPage("audit:read");
  const { params, problems } = parseAuditSearchParams(await searchParams);
  const filters = filtersFromParams(params);
  const result = searchAuditEvents(filters, { size: params.size, cursor: cursorFromParams(params) });
  const count = countAuditEvents(filters);
  // Handled here so an unawaited rejection never goes unobserved; the table rethrows it.
  result.catch(() => undefined);
  count.catch(() => undefined);
  const [actions, settings] = await Promise.all([listAuditActions(), getDistrictSettings()]);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">Audit trail</h1>
      <AuditFilters params={params} actions={actions} verificationMethods={settings.callerVerificationMethods} dateError={problems[0]} />
      {problems.length > 0 ? <FormAlert tone="error">{problems.join(" ")}</FormAlert> : null}
      <Suspense key={JSON.stringify(params)} fallback={<AuditTableSkeleton />}>
        <AuditTable params={params} result={result} count={count} />
      </Suspense>
    </div>
  );
}
