"use server";
// Starts adding a passkey, after a fresh second factor: answers the options for the browser.
import { staffAction } from "@/lib/actions/safe-action";
import { beginOwnPasskeyRegistration } from "@/lib/staff-auth/mfa/manage-own-second-factors";
import { beginPasskeySchema } from "@/lib/staff-auth/mfa/mfa-schemas";

export const beginPasskeyRegistrationAction = staffAction({ schema: beginPasskeySchema, permission: "account:change-own-passphrase" }, async (input, ctx) => ({
  options: await beginOwnPasskeyRegistration(
    { staffUserId: ctx.staff.staffUserId, email: ctx.staff.email, name: ctx.staff.name, ip: ctx.ip, sessionId: ctx.staff.sessionId },
    input,
  ),
}));
