"use server";
// Gives a confidential app a new client secret (site admins only), shown once; the old one stops working.
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/actions/safe-action";
import { rotateClientSecretSchema } from "@/lib/oidc/connected-app-schema";
import { rotateClientSecret } from "@/lib/oidc/manage-connected-apps";
import { staffActorOf } from "@/lib/staff/staff-actor";

export const rotateClientSecretAction = staffAction({ schema: rotateClientSecretSchema, permission: "apps:manage" }, async (input, ctx) => {
  const rotated = await rotateClientSecret(staffActorOf(ctx), input);
  revalidatePath("/console/apps");
  return rotated;
});
