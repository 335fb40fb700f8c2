"use server";
// Forgot Password step 1: request a security code for a username (same answer for every username).
import { getPageLocale } from "@/lib/i18n/page-locale";
import { getTranslations } from "next-intl/server";
import { publicAction } from "@/lib/actions/safe-action";
import { ActionFailure } from "@/lib/actions/action-result";
import { usernameKey } from "@/lib/accounts/parent-sign-in";
import { requestCodeSchema } from "@/lib/accounts/recovery/recovery-schemas";
import { requestPasswordResetCode } from "@/lib/accounts/recovery/request-reset-code";
import { codeStageToken } from "@/lib/accounts/recovery/recovery-state";
import { setRecoveryCookie } from "../recovery-cookie";
import { getRecoveryMessages, minutesUntil } from "./recovery-messages";

export const requestCodeAction = publicAction(
  { schema: requestCodeSchema, messages: getRecoveryMessages },
  async ({ username }, { ip }) => {
    const outcome = await requestPasswordResetCode({ username, ip, locale: await getPageLocale() });
    if (outcome.status === "rate_limited") {
      const t = await getTranslations("ForgotPassword");
      throw new ActionFailure("rate_limited", t("rateLimited", { minutes: minutesUntil(outcome.retryAfterSeconds) }));
    }
    await setRecoveryCookie(codeStageToken(usernameKey(username)));
    return { next: "/forgot-password/code" as const };
  },
);
