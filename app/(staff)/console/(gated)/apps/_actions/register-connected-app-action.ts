"use server";
// Registers a connected app (site admins only); the client secret comes back once, here.
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/actions/safe-action";
import { registerConnectedAppSchema } from "@/lib/oidc/connected-app-schema";
import { registerConnectedApp } from "@/lib/oidc/manage-connected-apps";
import { staffActorOf } from "@/lib/staff/staff-actor";

export const registerConnectedAppAction = staffAction({ schema: registerConnectedAppSchema, permission: "apps:manage" }, async (input, ctx) => {
  const registered = await registerConnectedApp(staffActorOf(ctx), input);
  revalidatePath("/console/apps");
  return registered;
});
