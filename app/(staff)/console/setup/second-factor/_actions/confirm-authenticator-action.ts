"use server";
// Binds the authenticator app of this session's setup when it returns a right code; answers with
// the ten recovery codes, which are shown this once.
import { staffSetupAction } from "@/lib/actions/safe-action";
import { ActionFailure } from "@/lib/actions/action-result";
import { confirmAuthenticator } from "@/lib/staff-auth/mfa/enrol-first-authenticator";
import { confirmAuthenticatorSchema } from "@/lib/staff-auth/mfa/mfa-schemas";

export const confirmAuthenticatorAction = staffSetupAction({ schema: confirmAuthenticatorSchema, step: "enrol-second-factor" }, async (input, ctx) => {
  const result = await confirmAuthenticator({ staffUserId: ctx.staff.staffUserId, email: ctx.staff.email, ip: ctx.ip, sessionId: ctx.staff.sessionId }, input.code);
  if (!result.ok) throw new ActionFailure("invalid", "That code is not right. Check the app's clock and enter the code it shows now.", { code: ["Check the code."] });
  return { recoveryCodes: result.recoveryCodes };
});
