// Roster import (site admins): upload a OneRoster zip, read the dry run, apply it, follow the
// progress, and look back at past runs. Runs are jobs the worker executes (lib/roster/jobs/).
import type { Metadata } from "next";
import { requireStaffPage } from "@/lib/auth/current-principal";
import { parseRunId } from "@/lib/roster/console/require-roster-staff";
import { toRosterRunView } from "@/lib/roster/console/roster-run-view";
import { getRosterImport, listRosterImports } from "@/lib/roster/jobs/roster-import-jobs";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { applyRosterImportAction } from "./_actions/apply-roster-import-action";
import { ROSTER_EXAMPLE_PATH } from "./_lib/roster-href";
import { RosterCurrentRun } from "./_components/roster-current-run";
import { RosterHistoryTable } from "./_components/roster-history-table";
import { RosterUploadForm } from "./_components/roster-upload-form";

export const metadata: Metadata = { title: "Roster import" };

const HISTORY_PAGE = 50;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export default async function RosterImportPage({ searchParams }: { searchParams: SearchParams }) {
  await requireStaffPage("roster:import");
  const params = await searchParams;
  const runId = parseRunId(first(params.run));
  const before = parseRunId(first(params.before));
  const [settings, history, chosen, newest] = await Promise.all([
    getDistrictSettings(),
    listRosterImports({ limit: HISTORY_PAGE, beforeId: before }),
    runId === null ? null : getRosterImport(runId),
    runId === null ? listRosterImports({ limit: 1 }) : null,
  ]);
  const current = chosen ?? newest?.items[0] ?? null;

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold text-slate-900">Roster import</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Bring schools, students, parents and their links in line with the district&apos;s SIS from a OneRoster CSV package. Every upload is checked
          first (a dry run); nothing changes until you apply it.{" "}
          <a href={ROSTER_EXAMPLE_PATH} download className="font-medium text-blue-800 underline underline-offset-2">
            Download an example package
          </a>{" "}
          (the demo district, OneRoster 1.2).
        </p>
      </div>
      {runId !== null && !chosen ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Import run #{runId} does not exist.
        </p>
      ) : null}
      <RosterUploadForm maxMb={settings.rosterUploadMaxMb} />
      {current ? <RosterCurrentRun key={current.id} run={toRosterRunView(current)} applyRosterImport={applyRosterImportAction} /> : null}
      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-semibold text-slate-900">
          History
        </h2>
        <RosterHistoryTable runs={history.items.map(toRosterRunView)} nextBefore={history.nextBeforeId} currentId={current?.id ?? null} />
      </section>
    </div>
  );
}
