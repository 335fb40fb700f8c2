"use server";
// Forgot Username: mail the username(s) of the accounts using an address (same answer for every address).
import { getPageLocale } from "@/lib/i18n/page-locale";
import { getTranslations } from "next-intl/server";
import { publicAction } from "@/lib/actions/safe-action";
import { ActionFailure } from "@/lib/actions/action-result";
import { getValidationMessages } from "@/lib/i18n/validation-messages";
import { forgotUsernameSchema } from "@/lib/accounts/recovery/recovery-schemas";
import { requestUsernameReminder } from "@/lib/accounts/recovery/forgot-username";

export const forgotUsernameAction = publicAction(
  { schema: forgotUsernameSchema, messages: getValidationMessages },
  async ({ email }, { ip }) => {
    const outcome = await requestUsernameReminder({ email, ip, locale: await getPageLocale() });
    if (outcome.status === "rate_limited") {
      const t = await getTranslations("ForgotUsername");
      throw new ActionFailure("rate_limited", t("rateLimited", { minutes: Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60)) }));
    }
    return { sent: true as const };
  },
);
