"use server";
// "My info is still right": the periodic re-confirmation of a staff member's security info.
import { z } from "zod";
import { staffSetupAction } from "@/lib/actions/safe-action";
import { reconfirmSecurityInfo } from "@/lib/staff-auth/security-info/reconfirm-security-info";
import { securityInfoActorOf } from "@/lib/staff-auth/security-info/security-info-actor";

export const reconfirmSecurityInfoAction = staffSetupAction({ schema: z.strictObject({}), step: "register-security-info" }, async (_input, ctx) => {
  await reconfirmSecurityInfo(securityInfoActorOf(ctx));
  return { confirmed: true as const };
});
