"use client";
// The run in focus: its progress while queued or running (polled about once a second), then
// what it found or did, with Apply after a dry run and the report download.
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { FormAlert } from "@/components/ui/form-alert";
import type { ActionResult } from "@/lib/actions/action-result";
import { canApplyRosterRun, isRosterRunActive, rosterRunNeedsRemovalConfirmation, type RosterRunView } from "@/lib/roster/console/roster-run-view";
import { runJsonPath, runReportPath } from "../_lib/roster-href";
import { RosterApplyForm, type RosterApplyFormProps } from "./roster-apply-form";
import { RosterProgressBar } from "./roster-progress-bar";
import { RosterRunSummary } from "./roster-run-summary";
import { RunStatusBadge } from "./run-status-badge";

const POLL_MS = 1000;

export interface RosterCurrentRunProps {
  run: RosterRunView;
  applyRosterImport: RosterApplyFormProps["applyRosterImport"];
}

/** Follows an active run through the JSON route; the page is refreshed once it finishes. */
function usePolledRun(initial: RosterRunView): { run: RosterRunView; pollError: string | null } {
  const router = useRouter();
  const [run, setRun] = useState(initial);
  const [pollError, setPollError] = useState<string | null>(null);
  useEffect(() => setRun(initial), [initial]);
  const active = isRosterRunActive(run);
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    const timer = setInterval(async () => {
      try {
        const response = await fetch(runJsonPath(run.id), { cache: "no-store" });
        const body = (await response.json()) as ActionResult<RosterRunView>;
        if (stopped) return;
        if (!body.ok) {
          setPollError(body.error);
          return;
        }
        setPollError(null);
        setRun(body.data);
        // Finished: the page re-renders with the outcome and the history row.
        if (!isRosterRunActive(body.data)) router.refresh();
      } catch {
        if (!stopped) setPollError("Lost contact with the server; still trying.");
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [active, run.id, router]);
  return { run, pollError };
}

export function RosterCurrentRun({ run: initial, applyRosterImport }: RosterCurrentRunProps) {
  const { run, pollError } = usePolledRun(initial);
  const kind = run.dryRun ? "Dry run" : "Import";
  return (
    <section aria-labelledby="current-run-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" data-testid="current-run">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="current-run-heading" className="text-lg font-semibold text-slate-900">
          {kind} #{run.id}: {run.fileName}
        </h2>
        <RunStatusBadge run={run} />
      </div>
      <p className="text-sm text-slate-600">
        Requested by {run.requestedBy}
        {run.version ? ` · OneRoster ${run.version}` : ""}
        {run.confirmRemovals ? " · removals confirmed" : ""}
      </p>
      {isRosterRunActive(run) ? (
        <>
          <RosterProgressBar status={run.status} phase={run.phase} rowsDone={run.rowsDone} rowsTotal={run.rowsTotal} />
          {pollError ? <p className="text-sm text-amber-800">{pollError}</p> : null}
        </>
      ) : (
        <FinishedRun run={run} applyRosterImport={applyRosterImport} />
      )}
    </section>
  );
}

function FinishedRun({ run, applyRosterImport }: RosterCurrentRunProps) {
  const canApply = canApplyRosterRun(run);
  return (
    <div className="space-y-4">
      {run.status === "FAILED" ? (
        <FormAlert tone="error">{run.error ?? "The import failed."} Nothing was changed.</FormAlert>
      ) : null}
      {run.status === "NEEDS_CONFIRMATION" ? (
        <p className="text-sm text-slate-800">Nothing was changed: this import stopped before removing more than the district&apos;s limit.</p>
      ) : null}
      {run.status === "SUCCEEDED" && run.dryRun ? (
        <p className="text-sm text-slate-800">This was a dry run: nothing was changed. Check the counts, then apply the package.</p>
      ) : null}
      {run.status === "SUCCEEDED" && !run.dryRun ? <FormAlert tone="success">The roster was updated.</FormAlert> : null}
      {run.summary ? <RosterRunSummary summary={run.summary} planned={run.dryRun || run.status === "NEEDS_CONFIRMATION"} /> : null}
      <div className="flex flex-wrap items-end gap-4">
        {canApply ? <RosterApplyForm importId={run.id} needsConfirmation={rosterRunNeedsRemovalConfirmation(run)} applyRosterImport={applyRosterImport} /> : null}
        <a href={runReportPath(run.id)} className="text-sm font-medium text-blue-800 underline underline-offset-2" download>
          Download report (CSV)
        </a>
      </div>
    </div>
  );
}
