"use server";
// Applies a finished dry run (site admins only): queues a run of the same package that changes
// the roster; removals beyond the district's guard need confirmRemovals.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { staffAction } from "@/lib/actions/safe-action";
import { applyRosterImport } from "@/lib/roster/console/apply-roster-import";
import { staffActorOf } from "@/lib/staff/staff-actor";

const applyRosterImportSchema = z.object({
  importId: z.number({ error: "Choose the dry run to apply." }).int().positive().max(2_147_483_647),
  confirmRemovals: z.boolean().default(false),
});

export const applyRosterImportAction = staffAction({ schema: applyRosterImportSchema, permission: "roster:import" }, async (input, ctx) => {
  const job = await applyRosterImport(staffActorOf(ctx), input);
  revalidatePath("/console/roster");
  return { importId: job.id };
});
