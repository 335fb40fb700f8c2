// The contract of one import run (lib/roster/import-roster.ts): what callers pass in and what
// they get back. The console page, the command and the drop folder all go through the job
// runner, which calls importRoster with these options and stores the result on the job row.
import type { RosterReport } from "./roster-report";
import type { RosterMode, RosterVersion } from "./roster-records";

export type RosterImportPhase = "opening" | "counting" | "reading" | "checking" | "merging" | "finishing";

export type RosterImportProgress = {
  phase: RosterImportPhase;
  /** Data rows read so far (orgs + roles + users). */
  rowsDone: number;
  /** Estimated data rows in the package (line count), null until counted. */
  rowsTotal: number | null;
};

export type RosterActor =
  | { type: "STAFF"; staffUserId: number; label: string }
  | { type: "SYSTEM"; label: string };

export type RosterImportOptions = {
  /** A .zip file or a folder of CSV files. */
  source: string;
  dryRun: boolean;
  /** Lets a bulk import remove more than the district's removal guard allows. */
  confirmRemovals: boolean;
  actor: RosterActor;
  /** For the run's audit event: the job row and the name the district gave the package. */
  importId?: number;
  fileName?: string;
  onProgress?: (progress: RosterImportProgress) => void;
};

export type RosterEntityCounts = {
  added: number;
  changed: number;
  removed: number;
  /** Removed before, back in the roster now. */
  restored: number;
  unchanged: number;
};

export type RosterRemovalShare = { active: number; removing: number; percent: number };

export type RosterImportSummary = {
  version: RosterVersion;
  modes: Record<"orgs" | "users" | "roles", RosterMode | "absent">;
  schools: RosterEntityCounts;
  students: RosterEntityCounts;
  contacts: RosterEntityCounts;
  links: RosterEntityCounts;
  /** Rows rejected (row errors) and warnings, as in the report. */
  rejected: number;
  warnings: number;
  /** Contacts with a parent login whose e-mail the SIS changed (audited, notice sent to both addresses). */
  emailChanges: number;
  /** A few human-readable examples per kind of change, e.g. "Student 000123 Ana García". */
  examples: { added: string[]; changed: string[]; removed: string[]; rejected: string[] };
  /** Shares of the active records (and parent-child links) the run removes, against the district's limit. */
  removalGuard: { limitPercent: number; students: RosterRemovalShare; contacts: RosterRemovalShare; links: RosterRemovalShare; exceeded: boolean };
  durationMs: number;
};

export type RosterImportOutcome = "applied" | "dry-run" | "needs-confirmation" | "failed";

export type RosterImportResult =
  | { outcome: "applied" | "dry-run" | "needs-confirmation"; summary: RosterImportSummary; report: RosterReport }
  /** Structural error (nothing changed): `report.outcome` is "structural-error", `message` says why. */
  | { outcome: "failed"; message: string; report: RosterReport; summary: null };
