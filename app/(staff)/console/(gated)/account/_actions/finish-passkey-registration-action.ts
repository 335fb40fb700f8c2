"use server";
// Finishes adding a passkey with the browser's answer to the challenge begun within 5 minutes.
import { staffAction } from "@/lib/actions/safe-action";
import { ActionFailure } from "@/lib/actions/action-result";
import { finishOwnPasskeyRegistration } from "@/lib/staff-auth/mfa/manage-own-second-factors";
import { finishPasskeySchema, parseRegistrationResponse } from "@/lib/staff-auth/mfa/mfa-schemas";

export const finishPasskeyRegistrationAction = staffAction({ schema: finishPasskeySchema, permission: "account:change-own-passphrase" }, async (input, ctx) => {
  const response = parseRegistrationResponse(input.response);
  if (!response) throw new ActionFailure("invalid", "The passkey could not be added. Start again.");
  await finishOwnPasskeyRegistration({ staffUserId: ctx.staff.staffUserId, email: ctx.staff.email, ip: ctx.ip, sessionId: ctx.staff.sessionId }, response, input.name);
  return { added: true };
});
