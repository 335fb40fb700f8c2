// Past runs, newest first (keyset pages of 50): who, when, which file, version, counts,
// duration, status and errors, each with its report.
import Link from "next/link";
import type { RosterEntityCounts } from "@/lib/roster/import-roster-types";
import type { RosterRunView } from "@/lib/roster/console/roster-run-view";
import { LocalTime } from "../../audit/_components/local-time";
import { rosterHref, runReportPath } from "../_lib/roster-href";
import { RunStatusBadge } from "./run-status-badge";

const TRIGGERS = { CONSOLE: "Console", COMMAND: "Command", DROP_FOLDER: "Drop folder" } as const;

function changes(counts: RosterEntityCounts): string {
  return `+${counts.added.toLocaleString("en-US")} ~${counts.changed.toLocaleString("en-US")} −${counts.removed.toLocaleString("en-US")}`;
}

function duration(run: RosterRunView): string {
  if (!run.startedAt || !run.finishedAt) return "—";
  const seconds = Math.max(0, (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000);
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

export function RosterHistoryTable({ runs, nextBefore, currentId }: { runs: RosterRunView[]; nextBefore: number | null; currentId: number | null }) {
  if (runs.length === 0) return <p className="text-sm text-slate-600">No roster imports yet. Upload a package to start with a dry run.</p>;
  return (
    <div className="space-y-3">
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid="roster-history">
          <caption className="sr-only">Roster import runs, newest first</caption>
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              {["Run", "When", "Who", "File", "Version", "Students", "Contacts", "Links", "Rejected", "Duration", "Status", "Report"].map((title) => (
                <th key={title} scope="col" className="px-3 py-2 font-medium">
                  {title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} className="border-t border-slate-100 align-top" aria-current={run.id === currentId ? "true" : undefined}>
                <td className="px-3 py-2">
                  <Link href={rosterHref({ run: run.id })} className="font-medium text-blue-800 underline underline-offset-2">
                    #{run.id}
                  </Link>
                  <div className="text-xs text-slate-600">{run.dryRun ? "Dry run" : "Apply"}</div>
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  <LocalTime iso={run.createdAt} />
                </td>
                <td className="px-3 py-2">
                  {run.requestedBy}
                  <div className="text-xs text-slate-600">{TRIGGERS[run.trigger]}</div>
                </td>
                <td className="max-w-48 break-all px-3 py-2">{run.fileName}</td>
                <td className="px-3 py-2">{run.version ?? "—"}</td>
                <td className="px-3 py-2 whitespace-nowrap tabular-nums">{run.summary ? changes(run.summary.students) : "—"}</td>
                <td className="px-3 py-2 whitespace-nowrap tabular-nums">{run.summary ? changes(run.summary.contacts) : "—"}</td>
                <td className="px-3 py-2 whitespace-nowrap tabular-nums">{run.summary ? changes(run.summary.links) : "—"}</td>
                <td className="px-3 py-2 tabular-nums">{run.summary ? run.summary.rejected.toLocaleString("en-US") : "—"}</td>
                <td className="px-3 py-2 whitespace-nowrap tabular-nums">{duration(run)}</td>
                <td className="px-3 py-2">
                  <RunStatusBadge run={run} />
                  {run.error ? <div className="mt-1 max-w-64 text-xs text-red-800">{run.error}</div> : null}
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {run.finishedAt ? (
                    <a href={runReportPath(run.id)} download className="text-blue-800 underline underline-offset-2" aria-label={`Download report (CSV) of run ${run.id}`}>
                      Download report (CSV)
                    </a>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-600">Counts: + added, ~ changed, − removed (for a dry run: what applying would do).</p>
      <nav aria-label="History pages" className="flex gap-4 text-sm">
        <Link href={rosterHref({ run: currentId })} className="text-blue-800 underline underline-offset-2">
          Newest runs
        </Link>
        {nextBefore ? (
          <Link href={rosterHref({ run: currentId, before: nextBefore })} className="text-blue-800 underline underline-offset-2">
            Older runs
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
