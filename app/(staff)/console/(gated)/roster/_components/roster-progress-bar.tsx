// The progress of one run: a progressbar with rows done / total, and the phase in a live region
// so screen readers hear it change (not every row count: that would be noise).
import type { RosterImportStatusName } from "@/lib/roster/jobs/roster-import-jobs";

const PHASE_LABELS: Record<string, string> = {
  opening: "Opening the package",
  counting: "Counting rows",
  reading: "Reading the files",
  checking: "Checking the changes",
  merging: "Updating the roster",
  finishing: "Finishing",
};

export function phaseLabel(status: RosterImportStatusName, phase: string | null): string {
  if (status === "QUEUED") return "Waiting to start";
  return (phase && PHASE_LABELS[phase]) ?? "Starting";
}

export interface RosterProgressBarProps {
  status: RosterImportStatusName;
  phase: string | null;
  rowsDone: number;
  rowsTotal: number | null;
}

export function RosterProgressBar({ status, phase, rowsDone, rowsTotal }: RosterProgressBarProps) {
  const known = rowsTotal !== null && rowsTotal > 0;
  // The total is an estimate (line count): never show more than 100 %.
  const done = known ? Math.min(rowsDone, rowsTotal) : rowsDone;
  const percent = known ? Math.floor((done / rowsTotal) * 100) : null;
  const rowsText = known
    ? `${done.toLocaleString("en-US")} of ${rowsTotal.toLocaleString("en-US")} rows`
    : `${rowsDone.toLocaleString("en-US")} rows`;
  return (
    <div className="space-y-2">
      <p aria-live="polite" className="text-sm font-medium text-slate-800" data-testid="roster-phase">
        {phaseLabel(status, phase)}…
      </p>
      <div
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={known ? rowsTotal : undefined}
        aria-valuenow={known ? done : undefined}
        aria-valuetext={known ? `${rowsText} (${percent} %)` : status === "QUEUED" ? "Waiting to start" : rowsText}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={known ? "h-full bg-blue-700 transition-[width]" : "h-full w-1/3 animate-pulse bg-blue-300"}
          style={known ? { width: `${percent}%` } : undefined}
        />
      </div>
      <p className="text-sm tabular-nums text-slate-600">{rowsText}</p>
    </div>
  );
}
