"use server";
// Saves a connected app's settings (site admins only), audited with before/after values.
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/actions/safe-action";
import { updateConnectedAppSchema } from "@/lib/oidc/connected-app-schema";
import { updateConnectedApp } from "@/lib/oidc/manage-connected-apps";
import { staffActorOf } from "@/lib/staff/staff-actor";

export const updateConnectedAppAction = staffAction({ schema: updateConnectedAppSchema, permission: "apps:manage" }, async (input, ctx) => {
  const result = await updateConnectedApp(staffActorOf(ctx), input);
  revalidatePath("/console/apps");
  return result;
});
