"use server";
// Checks the mailbox (or site admin) code; a right one unlocks this session's authenticator setup.
import { staffSetupAction } from "@/lib/actions/safe-action";
import { ActionFailure } from "@/lib/actions/action-result";
import { unlockAuthenticatorEnrolment } from "@/lib/staff-auth/mfa/enrol-first-authenticator";
import { enrolmentCodeSchema } from "@/lib/staff-auth/mfa/mfa-schemas";

export const unlockEnrolmentAction = staffSetupAction({ schema: enrolmentCodeSchema, step: "enrol-second-factor" }, async (input, ctx) => {
  const result = await unlockAuthenticatorEnrolment({ staffUserId: ctx.staff.staffUserId, email: ctx.staff.email, ip: ctx.ip, sessionId: ctx.staff.sessionId }, input.code);
  if (!result.ok && result.reason === "already-bound") throw new ActionFailure("conflict", "You already have an authenticator app. Manage it on your account page.");
  if (!result.ok) throw new ActionFailure("invalid", "That code is not right, has expired or was already used. Ask for a new one.", { code: ["Check the code."] });
  return { unlocked: true };
});
