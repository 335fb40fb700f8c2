"use server";
// Creates a staff account (site admins only).
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/actions/safe-action";
import { createStaffUser } from "@/lib/staff/create-staff-user";
import { createStaffUserSchema } from "@/lib/staff/staff-user-schemas";
import { staffActorOf } from "@/lib/staff/staff-actor";

export const createStaffUserAction = staffAction({ schema: createStaffUserSchema, permission: "staff:manage" }, async (input, ctx) => {
  const created = await createStaffUser(staffActorOf(ctx), input);
  revalidatePath("/console/staff");
  return { id: created.id, email: input.email };
});
