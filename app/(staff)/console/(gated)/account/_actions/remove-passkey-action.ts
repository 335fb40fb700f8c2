"use server";
// Removes one of the signed-in staff member's passkeys, after a fresh second factor.
import { staffAction } from "@/lib/actions/safe-action";
import { removeOwnPasskey } from "@/lib/staff-auth/mfa/manage-own-second-factors";
import { removePasskeySchema } from "@/lib/staff-auth/mfa/mfa-schemas";

export const removePasskeyAction = staffAction({ schema: removePasskeySchema, permission: "account:change-own-passphrase" }, async (input, ctx) => {
  await removeOwnPasskey({ staffUserId: ctx.staff.staffUserId, email: ctx.staff.email, ip: ctx.ip, sessionId: ctx.staff.sessionId }, input.passkeyId, { kind: input.kind, code: input.code });
  return { removed: true };
});
