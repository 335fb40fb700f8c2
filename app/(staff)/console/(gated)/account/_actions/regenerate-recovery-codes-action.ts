"use server";
// Ten new recovery codes for the signed-in staff member, after a fresh second factor; shown once.
import { staffAction } from "@/lib/actions/safe-action";
import { regenerateOwnRecoveryCodes } from "@/lib/staff-auth/mfa/manage-own-second-factors";
import { stepUpSchema } from "@/lib/staff-auth/mfa/mfa-schemas";

export const regenerateRecoveryCodesAction = staffAction({ schema: stepUpSchema, permission: "account:change-own-passphrase" }, async (input, ctx) => ({
  recoveryCodes: await regenerateOwnRecoveryCodes({ staffUserId: ctx.staff.staffUserId, email: ctx.staff.email, ip: ctx.ip, sessionId: ctx.staff.sessionId }, input),
}));
