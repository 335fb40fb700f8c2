"use server";
// "Get back into your account", steps 1 and 2: check one proof; after two that suffice, on to
// the new passphrase.
import { publicAction } from "@/lib/actions/safe-action";
import { ActionFailure } from "@/lib/actions/action-result";
import { checkRecoveryGate, type RecoveryProof } from "@/lib/staff-auth/recovery/check-recovery-gate";
import { checkRecoveryStepSchema } from "@/lib/staff-auth/recovery/recovery-schemas";
import { readRecoveryFlowCookie } from "../recovery-flow-cookie";
import { EXPIRED_MESSAGE, NOT_VERIFIED_MESSAGE, RECOVERY_MESSAGES, tryLaterMessage } from "./recovery-action-messages";

export const checkRecoveryStepAction = publicAction({ schema: checkRecoveryStepSchema, messages: async () => RECOVERY_MESSAGES }, async (input, { ip }) => {
  const token = (await readRecoveryFlowCookie()) ?? "";
  const proof: RecoveryProof = input.method === "questions" ? { gate: "questions", answers: input.answers } : { gate: input.method, code: input.code };
  const outcome = await checkRecoveryGate({ token, proof, ip });
  if (outcome.status === "expired") throw new ActionFailure("conflict", EXPIRED_MESSAGE);
  if (outcome.status === "rate_limited") throw new ActionFailure("rate_limited", tryLaterMessage(outcome.retryAfterSeconds));
  if (outcome.status === "invalid") throw new ActionFailure("invalid", NOT_VERIFIED_MESSAGE);
  return { next: outcome.complete ? "/console/forgot-passphrase/new-passphrase" : "/console/forgot-passphrase/verify" };
});
