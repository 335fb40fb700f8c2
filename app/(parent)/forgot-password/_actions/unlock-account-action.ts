"use server";
// Forgot Password step 3, the other choice: keep the current password and unlock sign-in,
// with the grant a valid code earned (the code is spent; without a grant nothing happens).
import { getTranslations } from "next-intl/server";
import { publicAction } from "@/lib/actions/safe-action";
import { ActionFailure } from "@/lib/actions/action-result";
import { getPageLocale } from "@/lib/i18n/page-locale";
import { unlockSchema } from "@/lib/accounts/recovery/recovery-schemas";
import { unlockParentSignIn } from "@/lib/accounts/recovery/unlock-parent-sign-in";
import { clearRecoveryCookie, readRecoveryCookie } from "../recovery-cookie";
import { getRecoveryMessages, minutesUntil } from "./recovery-messages";

export const unlockAccountAction = publicAction({ schema: unlockSchema, messages: getRecoveryMessages }, async (_input, { ip }) => {
  const t = await getTranslations("ForgotPassword");
  const state = await readRecoveryCookie();
  if (state?.s !== "verified") throw new ActionFailure("conflict", t("grantExpired"));
  const outcome = await unlockParentSignIn({ grant: { accountId: state.a, codeId: state.c }, ip, locale: await getPageLocale() });
  switch (outcome.status) {
    case "rate_limited":
      throw new ActionFailure("rate_limited", t("rateLimited", { minutes: minutesUntil(outcome.retryAfterSeconds) }));
    case "not-active":
      throw new ActionFailure("conflict", t("unlockUnavailable"));
    case "expired":
      await clearRecoveryCookie();
      throw new ActionFailure("conflict", t("grantExpired"));
    case "account-reset":
      await clearRecoveryCookie();
      return { next: "/forgot-password/account-reset" as const };
    case "unlocked":
      await clearRecoveryCookie();
      return { next: "/forgot-password/unlocked" as const };
  }
});
