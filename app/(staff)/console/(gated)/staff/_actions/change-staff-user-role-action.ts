"use server";
// Changes a staff member's role (site admins only; never their own admin role).
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/actions/safe-action";
import { changeStaffUserRole } from "@/lib/staff/change-staff-user-role";
import { changeStaffUserRoleSchema } from "@/lib/staff/staff-user-schemas";
import { staffActorOf } from "@/lib/staff/staff-actor";

export const changeStaffUserRoleAction = staffAction(
  { schema: changeStaffUserRoleSchema, permission: "staff:manage" },
  async (input, ctx) => {
    const result = await changeStaffUserRole(staffActorOf(ctx), input);
    revalidatePath("/console/staff");
    return result;
  },
);
