"use server";
// A site admin removes one of a staff member's security-info methods (a lost phone, say).
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/actions/safe-action";
import { removeStaffMethodByAdmin } from "@/lib/staff/manage-staff-security";
import { removeStaffMethodSchema } from "@/lib/staff/staff-user-schemas";
import { staffActorOf } from "@/lib/staff/staff-actor";

export const removeStaffMethodAction = staffAction({ schema: removeStaffMethodSchema, permission: "staff:manage" }, async (input, ctx) => {
  await removeStaffMethodByAdmin(staffActorOf(ctx), input.staffUserId, input.method);
  revalidatePath(`/console/staff/${input.staffUserId}`);
  return { done: true };
});
