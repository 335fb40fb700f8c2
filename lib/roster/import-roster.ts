// One import run: open and check the package, stage its rows with COPY, check what needs the
// whole roster, then plan and apply the merge set-based, all in ONE transaction on its own
// connection. A dry run (and a bulk import stopped by the removal guard) does all of it and
// rolls back, so the counts it shows are exactly what Apply will do. Nothing is half-applied:
// a crash, a structural error found mid-file or a lost connection rolls everything back.
import pg from "pg";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma } from "@/lib/db";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { countRosterRows } from "./count-roster-rows";
import type { RosterActor, RosterImportOptions, RosterImportOutcome, RosterImportPhase, RosterImportResult, RosterImportSummary } from "./import-roster-types";
import { collectChangeExamples, rejectedExamples } from "./merge/change-examples";
import { checkStagedUsers } from "./merge/check-staged-users";
import { sendEmailChangeNotices } from "./merge/email-change-notices";
import { applyContacts, planContacts } from "./merge/merge-contacts";
import { mergeLinks } from "./merge/merge-links";
import { revokeUnlinkedStudentLogins } from "./merge/revoke-unlinked-student-logins";
import { mergeSchools } from "./merge/merge-schools";
import { applyStudents, planStudents } from "./merge/merge-students";
import { countPlan, emptyCounts } from "./merge/plan-counts";
import { withBulkLoadIfEmpty } from "./merge/bulk-load-if-empty";
import { checkRemovalGuard, countActiveLinks, withLinkRemovals } from "./merge/removal-guard";
import { openRoster, type Roster } from "./open-roster";
import { ROSTER_IMPORT_LOCK_KEY } from "./roster-import-lock";
import { createRosterIssueLog, RosterStructuralError, type RosterIssueLog, type RosterReport } from "./roster-report";
import { stageOutsideAgentLines, stageRejectedIds, stageRoster } from "./stage/stage-roster";
import { DEFAULT_STUDENT_ID_SOURCE, parseStudentIdSource, studentIdColumn } from "./student-id-source";

const PROGRESS_EVERY_ROWS = 10_000;
// Merging takes the roster tables' write lock; a help-desk reset holding it finishes in well under this.
const LOCK_TIMEOUT = "60s";
const SESSION_TEMP_BUFFERS = "2GB";
const SESSION_WORK_MEM = "256MB";

type Progress = (phase: RosterImportPhase, rowsDone: number, rowsTotal: number | null) => void;

function progressReporter(options: RosterImportOptions): Progress {
  return (phase, rowsDone, rowsTotal) => options.onProgress?.({ phase, rowsDone, rowsTotal });
}

/** The run's audit event: one per run, whatever its outcome. */
function runAuditEvent(options: RosterImportOptions, outcome: RosterImportOutcome, details: Record<string, unknown>) {
  const action = outcome === "applied" ? "roster.import" : `roster.import.${outcome}`;
  return {
    actor: auditActor(options.actor),
    action,
    details: { importId: options.importId ?? null, fileName: options.fileName ?? null, outcome, ...details },
  };
}

function auditActor(actor: RosterActor) {
  return actor.type === "STAFF" ? { type: "STAFF" as const, id: actor.staffUserId, label: actor.label } : { type: "SYSTEM" as const, label: actor.label };
}

function countsForAudit(summary: RosterImportSummary) {
  const { schools, students, contacts, links, rejected, warnings, emailChanges, durationMs, version, modes } = summary;
  return { version, modes, schools, students, contacts, links, rejected, warnings, emailChanges, durationMs, guard: summary.removalGuard };
}

async function failed(options: RosterImportOptions, issues: RosterIssueLog, error: RosterStructuralError): Promise<RosterImportResult> {
  const report = issues.toReport(error);
  await recordAuditEvent(prisma, runAuditEvent(options, "failed", { message: error.message, file: error.file }));
  return { outcome: "failed", message: error.message, report, summary: null };
}

/**
 * A job the runner's recovery already marked FAILED ("interrupted") must not commit after all:
 * the row is locked until COMMIT, so recovery either sees the outcome or runs before this check.
 */
async function assertRunStillOwned(client: pg.Client, importId: number | undefined): Promise<void> {
  if (importId === undefined) return;
  const { rows } = await client.query(`SELECT 1 FROM "RosterImport" WHERE id = $1 AND status = 'RUNNING' FOR UPDATE`, [importId]);
  if (rows.length === 0) throw new Error("This run was marked interrupted while it ran; it was rolled back, nothing was changed.");
}

export async function importRoster(options: RosterImportOptions): Promise<RosterImportResult> {
  const startedAt = performance.now();
  const progress = progressReporter(options);
  const settings = await getDistrictSettings();
  const studentIdSource = parseStudentIdSource(settings.rosterStudentIdSource) ?? DEFAULT_STUDENT_ID_SOURCE;
  const issues = createRosterIssueLog();
  const rejectedIds: { file: string; sourcedId: string }[] = [];
  let outsideAgentLines: number[] = [];

  progress("opening", 0, null);
  let roster: Roster;
  try {
    roster = await openRoster(options.source, {
      issues,
      studentIdSource,
      onRejectedId: (file, sourcedId) => rejectedIds.push({ file, sourcedId }),
      onAgentsOutsideFile: (lines) => (outsideAgentLines = lines),
    });
  } catch (error) {
    if (error instanceof RosterStructuralError) return failed(options, issues, error);
    throw error;
  }

  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  try {
    progress("counting", 0, null);
    const rowsTotal = await countRosterRows(options.source, roster.modes);
    let rowsDone = 0;
    let reported = 0;
    await client.connect();
    await client.query("BEGIN");
    await client.query(`SELECT pg_advisory_xact_lock($1)`, [ROSTER_IMPORT_LOCK_KEY]);
    // Stored times are UTC without a zone (Prisma's convention); localtimestamp must be UTC too.
    await client.query(`SET LOCAL TIME ZONE 'UTC'`);
    await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
    // The staged roster and the merge's plans (temporary tables: local buffers, 8 MB by default;
    // about 1.5 GB for a 2M-link district) and its hash joins need memory on this one
    // connection, or PostgreSQL spills them to disk. Taken only as used: a small roster uses little.
    await client.query(`SET LOCAL temp_buffers = '${SESSION_TEMP_BUFFERS}'`);
    await client.query(`SET LOCAL work_mem = '${SESSION_WORK_MEM}'`);
    await client.query(`SET LOCAL maintenance_work_mem = '${SESSION_WORK_MEM}'`);
    // PostgreSQL's default (4.0) prices a random page as a spinning disk's: a delta's 10,000 rows
    // then seq-scan and hash a million students and contacts instead of looking each up by
    // index. A database server's tables are in memory or on SSD, which 1.1 describes.
    await client.query(`SET LOCAL random_page_cost = 1.1`);

    progress("reading", 0, rowsTotal);
    await stageRoster(client, roster, (count) => {
      rowsDone += count;
      if (rowsDone - reported >= PROGRESS_EVERY_ROWS) {
        reported = rowsDone;
        progress("reading", rowsDone, rowsTotal);
      }
    });
    await stageRejectedIds(client, rejectedIds);
    await stageOutsideAgentLines(client, outsideAgentLines);

    progress("checking", rowsDone, rowsTotal);
    const usersMode = roster.modes.users;
    if (usersMode !== "absent") await checkStagedUsers(client, issues, studentIdColumn(studentIdSource));

    progress("merging", rowsDone, rowsTotal);
    // Plans read the stored roster and the apply statements write it: no one else may write it
    // in between (help-desk resets wait; searches and sign-ins do not).
    await client.query(`LOCK TABLE "School", "Student", "Contact", "StudentContact" IN SHARE ROW EXCLUSIVE MODE`);
    const schools = await mergeSchools(client, roster.modes.orgs);
    let students = emptyCounts();
    let contacts = emptyCounts();
    let links = emptyCounts();
    let examples: Omit<RosterImportSummary["examples"], "rejected"> = { added: [], changed: [], removed: [] };
    let emailChanges = 0;
    let removalGuard = await checkRemovalGuard(client, "absent", settings.rosterRemovalGuardPercent);
    if (usersMode !== "absent") {
      await planStudents(client, usersMode);
      await planContacts(client, usersMode);
      removalGuard = await checkRemovalGuard(client, usersMode, settings.rosterRemovalGuardPercent);
      examples = await collectChangeExamples(client);
      [students, contacts] = [await countPlan(client, "plan_student"), await countPlan(client, "plan_contact")];
      await withBulkLoadIfEmpty(client, "Student", () => applyStudents(client));
      await withBulkLoadIfEmpty(client, "Contact", () => applyContacts(client));
      const activeLinksBefore = await countActiveLinks(client);
      links = await withBulkLoadIfEmpty(client, "StudentContact", () =>
        withBulkLoadIfEmpty(client, "StudentContactLoginKey", () => mergeLinks(client, usersMode, issues)),
      );
      removalGuard = withLinkRemovals(removalGuard, activeLinksBefore, links.removed);
      await revokeUnlinkedStudentLogins(client);
      emailChanges = await sendEmailChangeNotices(client, options.actor, settings.senderAddress);
    }

    progress("finishing", rowsDone, rowsTotal);
    const report: RosterReport = issues.toReport();
    const summary: RosterImportSummary = {
      version: roster.version,
      modes: roster.modes,
      schools,
      students,
      contacts,
      links,
      rejected: report.outcome === "read" ? report.rowErrorCount : 0,
      warnings: report.warningCount,
      emailChanges,
      examples: { ...examples, rejected: rejectedExamples(report) },
      removalGuard,
      durationMs: Math.round(performance.now() - startedAt),
    };
    const outcome: RosterImportOutcome = removalGuard.exceeded && !options.confirmRemovals ? "needs-confirmation" : options.dryRun ? "dry-run" : "applied";
    const event = runAuditEvent(options, outcome, countsForAudit(summary));
    if (outcome === "applied") {
      await assertRunStillOwned(client, options.importId);
      await client.query(
        `INSERT INTO "AuditEvent" ("actorType", "actorId", "actorLabel", action, details) VALUES ($1::"ActorType", $2, $3, $4, $5::jsonb)`,
        [event.actor.type, "id" in event.actor ? event.actor.id : null, event.actor.label, event.action, JSON.stringify(event.details)],
      );
      await client.query("COMMIT");
    } else {
      await client.query("ROLLBACK");
      await recordAuditEvent(prisma, event);
    }
    return { outcome, summary, report };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    if (error instanceof RosterStructuralError) return failed(options, issues, error);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
    await roster.close();
  }
}
