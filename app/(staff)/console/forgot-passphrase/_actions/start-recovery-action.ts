"use server";
// "Get back into your account" step 0: the CAPTCHA, then a flow for the user ID typed (the same
// answer for every user ID). "I know my passphrase but still can't sign in" looks nothing up.
import { publicAction } from "@/lib/actions/safe-action";
import { ActionFailure } from "@/lib/actions/action-result";
import { beginStaffRecovery } from "@/lib/staff-auth/recovery/start-staff-recovery";
import { startRecoverySchema } from "@/lib/staff-auth/recovery/recovery-schemas";
import { setRecoveryFlowCookie } from "../recovery-flow-cookie";
import { RECOVERY_MESSAGES, tryLaterMessage } from "./recovery-action-messages";

export const startRecoveryAction = publicAction({ schema: startRecoverySchema, messages: async () => RECOVERY_MESSAGES }, async (input, { ip }) => {
  if (input.reason === "cant-sign-in") return { next: "/console/forgot-passphrase/cant-sign-in" };
  const outcome = await beginStaffRecovery({ captcha: input.altcha, userId: input.userId, ip });
  if (outcome.status === "captcha_failed") {
    throw new ActionFailure("invalid", RECOVERY_MESSAGES.invalid, { altcha: ["Complete the \"I'm not a robot\" check again, then continue."] });
  }
  if (outcome.status === "rate_limited") throw new ActionFailure("rate_limited", tryLaterMessage(outcome.retryAfterSeconds));
  await setRecoveryFlowCookie(outcome.token);
  return { next: "/console/forgot-passphrase/verify" };
});
