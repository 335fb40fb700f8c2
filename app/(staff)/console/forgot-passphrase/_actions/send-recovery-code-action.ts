"use server";
// "Get back into your account": text a code to the phone on record (full number typed) or
// e-mail one to the alternate address. Always "if this method is registered, we've sent a code".
import { publicAction } from "@/lib/actions/safe-action";
import { ActionFailure } from "@/lib/actions/action-result";
import { sendRecoveryCode } from "@/lib/staff-auth/recovery/send-recovery-code";
import { sendRecoveryCodeSchema } from "@/lib/staff-auth/recovery/recovery-schemas";
import { readRecoveryFlowCookie } from "../recovery-flow-cookie";
import { EXPIRED_MESSAGE, RECOVERY_MESSAGES, tryLaterMessage } from "./recovery-action-messages";

export const sendRecoveryCodeAction = publicAction({ schema: sendRecoveryCodeSchema, messages: async () => RECOVERY_MESSAGES }, async (input, { ip }) => {
  const token = (await readRecoveryFlowCookie()) ?? "";
  const outcome = await sendRecoveryCode(input.method === "sms" ? { token, ip, method: "sms", phone: input.phone } : { token, ip, method: "email" });
  if (outcome.status === "expired") throw new ActionFailure("conflict", EXPIRED_MESSAGE);
  if (outcome.status === "rate_limited") throw new ActionFailure("rate_limited", tryLaterMessage(outcome.retryAfterSeconds));
  return {
    message:
      input.method === "sms"
        ? "If that number is the one on record, we've texted it a 6-digit code. It works for 10 minutes; you can ask for a new one after a minute."
        : "If an alternate e-mail address is registered, we've sent it a 6-digit code. It works for 10 minutes; you can ask for a new one after a minute.",
  };
});
