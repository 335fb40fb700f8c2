"use server";
// A site admin asks a staff member to register their security info again (next sign-in).
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/actions/safe-action";
import { requireReregistrationByAdmin } from "@/lib/staff/manage-staff-security";
import { staffSecurityTargetSchema } from "@/lib/staff/staff-user-schemas";
import { staffActorOf } from "@/lib/staff/staff-actor";

export const requireReregistrationAction = staffAction({ schema: staffSecurityTargetSchema, permission: "staff:manage" }, async (input, ctx) => {
  await requireReregistrationByAdmin(staffActorOf(ctx), input.staffUserId);
  revalidatePath(`/console/staff/${input.staffUserId}`);
  return { done: true };
});
