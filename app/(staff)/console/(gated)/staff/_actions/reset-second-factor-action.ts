"use server";
// A site admin resets another staff member's two-step sign-in (lost authenticator and recovery codes).
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/actions/safe-action";
import { resetSecondFactorByAdmin } from "@/lib/staff/manage-staff-security";
import { staffSecurityTargetSchema } from "@/lib/staff/staff-user-schemas";
import { staffActorOf } from "@/lib/staff/staff-actor";

export const resetSecondFactorAction = staffAction({ schema: staffSecurityTargetSchema, permission: "staff:manage" }, async (input, ctx) => {
  await resetSecondFactorByAdmin(staffActorOf(ctx), input.staffUserId);
  revalidatePath(`/console/staff/${input.staffUserId}`);
  return null;
});
