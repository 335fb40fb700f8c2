// Reset Parent Login: parse the URL once, start the search without awaiting it, and let
// the client view read the promise inside <Suspense> (a skeleton meanwhile).
import type { Metadata } from "next";
import { requireStaffPage } from "@/lib/auth/current-principal";
import { hasPermission } from "@/lib/auth/permissions";
import { searchParents } from "@/lib/parents/search-parents";
import { parseParentSearch } from "@/lib/parents/search-schema";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { countMatchingAction, previewResetAction, resetParentsAction } from "./_lib/actions";
import type { SearchOutcome } from "./_lib/use-live-search";
import { ParentsView } from "./_components/parents-view";
import { logger } from "@/lib/ops/logger";

export const metadata: Metadata = { title: "Reset parent login" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ParentsPage({ searchParams }: { searchParams: SearchParams }) {
  const staff = await requireStaffPage("parents:search");
  const params = await searchParams;
  const search = parseParentSearch(params);
  const settings = await getDistrictSettings();
  const resultPromise: Promise<SearchOutcome> = searchParents(search, { staffEmailDomains: settings.staffEmailDomains }).then(
    (data) => ({ ok: true as const, data }),
    (error: unknown) => {
      logger.error({ err: error }, "grid search failed");
      return { ok: false as const, error: "The search could not be completed. Please try again." };
    },
  );
  const denied = params.denied === "1";

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Reset parent login</h1>
        <p className="text-sm text-slate-600">
          Find a parent by last name, select their rows and reset the login. The parent is e-mailed how to create it again.
        </p>
      </div>
      {denied ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          You do not have permission to open that page.
        </p>
      ) : null}
      {search.removed ? (
        <p className="rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-sm text-slate-800" data-testid="removed-view-note">
          Showing only rows removed from the roster by an import. They cannot be used to re-register, and their logins stop working after the
          district&apos;s grace period.
        </p>
      ) : null}
      <ParentsView
        resultPromise={resultPromise}
        search={search}
        canBulkReset={hasPermission(staff.role, "parents:bulk-reset")}
        bulkResetCap={settings.bulkResetCap}
        countMatching={countMatchingAction}
        previewReset={previewResetAction}
        resetParents={resetParentsAction}
      />
    </div>
  );
}
