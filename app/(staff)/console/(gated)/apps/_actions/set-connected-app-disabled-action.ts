"use server";
// Disables or enables a connected app (site admins only); a disabled app signs nobody in.
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/actions/safe-action";
import { setConnectedAppDisabledSchema } from "@/lib/oidc/connected-app-schema";
import { setConnectedAppDisabled } from "@/lib/oidc/manage-connected-apps";
import { staffActorOf } from "@/lib/staff/staff-actor";

export const setConnectedAppDisabledAction = staffAction({ schema: setConnectedAppDisabledSchema, permission: "apps:manage" }, async (input, ctx) => {
  const result = await setConnectedAppDisabled(staffActorOf(ctx), input);
  revalidatePath("/console/apps");
  return result;
});
