"use server";
// Clears a staff member's sign-in lock and failure counts (site admins only).
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/actions/safe-action";
import { clearStaffSignInLock } from "@/lib/staff/clear-staff-sign-in-lock";
import { clearStaffSignInLockSchema } from "@/lib/staff/staff-user-schemas";
import { staffActorOf } from "@/lib/staff/staff-actor";

export const clearStaffSignInLockAction = staffAction(
  { schema: clearStaffSignInLockSchema, permission: "staff:manage" },
  async (input, ctx) => {
    const result = await clearStaffSignInLock(staffActorOf(ctx), input);
    revalidatePath("/console/staff");
    return result;
  },
);
