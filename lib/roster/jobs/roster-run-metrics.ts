// What one finished roster run adds to the metrics: the run by outcome and, when it was
// applied, its records by entity and change (a dry run changes nothing, so counts no rows).
import { metrics } from "@/lib/ops/metrics";
import type { RosterImportSummary } from "@/lib/roster/import-roster-types";
import type { RosterImportFinish } from "./roster-import-claim";

const ENTITIES = { schools: "school", students: "student", contacts: "contact", links: "link" } as const;
const CHANGES = ["added", "changed", "removed", "restored", "unchanged"] as const;

export function rosterRunOutcome(finish: RosterImportFinish, dryRun: boolean): "applied" | "dry-run" | "needs-confirmation" | "failed" {
  if (finish.status === "FAILED") return "failed";
  if (finish.status === "NEEDS_CONFIRMATION") return "needs-confirmation";
  return dryRun ? "dry-run" : "applied";
}

export function countRosterRun(finish: RosterImportFinish, dryRun: boolean): void {
  const outcome = rosterRunOutcome(finish, dryRun);
  metrics.rosterRuns.inc({ outcome });
  if (outcome !== "applied" || !finish.summary) return;
  const summary = finish.summary as RosterImportSummary;
  for (const [field, entity] of Object.entries(ENTITIES) as [keyof typeof ENTITIES, string][]) {
    for (const change of CHANGES) {
      const count = summary[field]?.[change] ?? 0;
      if (count > 0) metrics.rosterRows.inc({ entity, change }, count);
    }
  }
  if (summary.rejected > 0) metrics.rosterRows.inc({ entity: "row", change: "rejected" }, summary.rejected);
}
