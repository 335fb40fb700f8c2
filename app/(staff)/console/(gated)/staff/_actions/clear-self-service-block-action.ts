"use server";
// A site admin lifts a staff member's 24-hour "Get back into your account" block.
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/actions/safe-action";
import { clearSelfServiceBlockByAdmin } from "@/lib/staff/manage-staff-security";
import { staffSecurityTargetSchema } from "@/lib/staff/staff-user-schemas";
import { staffActorOf } from "@/lib/staff/staff-actor";

export const clearSelfServiceBlockAction = staffAction({ schema: staffSecurityTargetSchema, permission: "staff:manage" }, async (input, ctx) => {
  const result = await clearSelfServiceBlockByAdmin(staffActorOf(ctx), input.staffUserId);
  revalidatePath(`/console/staff/${input.staffUserId}`);
  return result;
});
