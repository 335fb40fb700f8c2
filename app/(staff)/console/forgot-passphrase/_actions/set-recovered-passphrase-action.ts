"use server";
// "Get back into your account", last step: the new passphrase. Nobody is signed in: the person
// signs in with it (and their second factor) like every day.
import { publicAction } from "@/lib/actions/safe-action";
import { ActionFailure } from "@/lib/actions/action-result";
import { completeStaffRecovery } from "@/lib/staff-auth/recovery/complete-staff-recovery";
import { recoveredPassphraseSchema } from "@/lib/staff-auth/recovery/recovery-schemas";
import { clearRecoveryFlowCookie, readRecoveryFlowCookie } from "../recovery-flow-cookie";
import { EXPIRED_MESSAGE, RECOVERY_MESSAGES } from "./recovery-action-messages";

export const setRecoveredPassphraseAction = publicAction({ schema: recoveredPassphraseSchema, messages: async () => RECOVERY_MESSAGES }, async (input, { ip }) => {
  const token = (await readRecoveryFlowCookie()) ?? "";
  const outcome = await completeStaffRecovery({ token, newPassphrase: input.newPassphrase, ip });
  if (outcome.status === "expired") throw new ActionFailure("conflict", EXPIRED_MESSAGE);
  await clearRecoveryFlowCookie();
  return { next: "/console/forgot-passphrase/done" };
});
