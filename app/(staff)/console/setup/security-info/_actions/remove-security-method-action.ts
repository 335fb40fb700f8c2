"use server";
// Removes one of the staff member's own security-info methods (at least two must remain).
import { staffSetupAction } from "@/lib/actions/safe-action";
import { removeOwnSecurityMethod } from "@/lib/staff-auth/security-info/remove-security-method";
import { securityInfoActorOf } from "@/lib/staff-auth/security-info/security-info-actor";
import { securityMethodSchema } from "@/lib/staff-auth/security-info/security-info-schemas";

export const removeSecurityMethodAction = staffSetupAction({ schema: securityMethodSchema, step: "register-security-info" }, async (input, ctx) => {
  await removeOwnSecurityMethod(securityInfoActorOf(ctx), input.method);
  return { removed: input.method };
});
