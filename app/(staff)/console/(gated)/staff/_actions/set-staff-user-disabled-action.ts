"use server";
// Disables (and signs out) or re-enables a staff account (site admins only).
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/actions/safe-action";
import { setStaffUserDisabled } from "@/lib/staff/set-staff-user-disabled";
import { setStaffUserDisabledSchema } from "@/lib/staff/staff-user-schemas";
import { staffActorOf } from "@/lib/staff/staff-actor";

export const setStaffUserDisabledAction = staffAction(
  { schema: setStaffUserDisabledSchema, permission: "staff:manage" },
  async (input, ctx) => {
    const result = await setStaffUserDisabled(staffActorOf(ctx), input);
    revalidatePath("/console/staff");
    return result;
  },
);
