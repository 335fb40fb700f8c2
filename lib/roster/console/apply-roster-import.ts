// "Apply" on the console: queues a run of the same package that changes the roster, after a
// dry run (or a run the removal guard stopped). Removals beyond the guard need the admin's
// explicit confirmation. Audited in the transaction that queues it.
import { ActionFailure } from "@/lib/actions/action-result";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma } from "@/lib/db";
import { toRosterRunView, rosterRunNeedsRemovalConfirmation } from "@/lib/roster/console/roster-run-view";
import { enqueueRosterApply, RosterApplyRefusedError, type RosterImportJob } from "@/lib/roster/jobs/roster-import-jobs";
import { assertStaffPermission, auditActorOf, type StaffActor } from "@/lib/staff/staff-actor";

export async function applyRosterImport(actor: StaffActor, input: { importId: number; confirmRemovals: boolean }): Promise<RosterImportJob> {
  assertStaffPermission(actor, "roster:import");
  try {
    return await prisma.$transaction(async (tx) => {
      // Lock the dry run: two clicks (or two admins) must not queue the same apply twice.
      const [earlier] = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "RosterImport" WHERE id = ${input.importId} FOR UPDATE`;
      if (!earlier) throw new RosterApplyRefusedError("not-found", "That import run does not exist.");
      const run = await tx.rosterImport.findUniqueOrThrow({ where: { id: input.importId } });
      const view = toRosterRunView({ ...run, summary: run.summary as never });
      if (rosterRunNeedsRemovalConfirmation(view) && !input.confirmRemovals) {
        throw new ActionFailure("invalid", "This import removes more students or contacts than the district's limit allows. Tick the box to confirm these removals.", {
          confirmRemovals: ["Confirm the removals to apply this import."],
        });
      }
      const alreadyQueued = await tx.rosterImport.count({
        where: { filePath: run.filePath, dryRun: false, id: { gt: run.id }, status: { in: ["QUEUED", "RUNNING", "SUCCEEDED"] } },
      });
      if (alreadyQueued > 0) throw new ActionFailure("conflict", "This package has already been applied or is being applied.");
      const job = await enqueueRosterApply(input.importId, { requestedById: actor.staffUserId, requestedBy: actor.email, confirmRemovals: input.confirmRemovals }, tx);
      await recordAuditEvent(tx, {
        actor: auditActorOf(actor),
        action: "roster.apply",
        details: { importId: job.id, fromImportId: input.importId, fileName: job.fileName, confirmRemovals: input.confirmRemovals },
      });
      return job;
    });
  } catch (error) {
    if (error instanceof RosterApplyRefusedError) throw new ActionFailure(error.reason === "not-found" ? "invalid" : "conflict", error.message);
    throw error;
  }
}
