"use server";
// Forgot Password step 3: set the new password with the grant a valid code earned.
import { getPageLocale } from "@/lib/i18n/page-locale";
import { getTranslations } from "next-intl/server";
import { publicAction } from "@/lib/actions/safe-action";
import { ActionFailure } from "@/lib/actions/action-result";
import { newPasswordSchema } from "@/lib/accounts/recovery/recovery-schemas";
import { completePasswordReset } from "@/lib/accounts/recovery/complete-password-reset";
import { passwordViolationMessages } from "@/lib/accounts/password-violation-messages";
import { clearRecoveryCookie, readRecoveryCookie } from "../recovery-cookie";
import { getRecoveryMessages, minutesUntil } from "./recovery-messages";

export const setPasswordAction = publicAction(
  { schema: newPasswordSchema, messages: getRecoveryMessages },
  async ({ password }, { ip }) => {
    const [t, messages] = await Promise.all([getTranslations("ForgotPassword"), getRecoveryMessages()]);
    const state = await readRecoveryCookie();
    if (state?.s !== "verified") throw new ActionFailure("conflict", t("grantExpired"));
    const outcome = await completePasswordReset({
      grant: { accountId: state.a, codeId: state.c },
      newPassword: password,
      ip,
      locale: await getPageLocale(),
    });
    switch (outcome.status) {
      case "rate_limited":
        throw new ActionFailure("rate_limited", t("rateLimited", { minutes: minutesUntil(outcome.retryAfterSeconds) }));
      case "weak-password": {
        const errors = passwordViolationMessages(messages.t, outcome.violations, outcome.minLength);
        throw new ActionFailure("invalid", messages.invalid, { password: errors });
      }
      case "expired":
        await clearRecoveryCookie();
        throw new ActionFailure("conflict", t("grantExpired"));
      case "account-reset":
        await clearRecoveryCookie();
        return { next: "/forgot-password/account-reset" as const };
      case "done":
        await clearRecoveryCookie();
        return { next: "/forgot-password/done" as const };
    }
  },
);
