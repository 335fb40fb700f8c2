"use server";
// Forgot Password step 2: check the emailed security code of the flow in the cookie.
import { getTranslations } from "next-intl/server";
import { publicAction } from "@/lib/actions/safe-action";
import { ActionFailure } from "@/lib/actions/action-result";
import { verifyCodeSchema } from "@/lib/accounts/recovery/recovery-schemas";
import { verifyPasswordResetCode } from "@/lib/accounts/recovery/verify-reset-code";
import { verifiedStageToken } from "@/lib/accounts/recovery/recovery-state";
import { clearRecoveryCookie, readRecoveryCookie, setRecoveryCookie } from "../recovery-cookie";
import { getCodeStepMessages, minutesUntil } from "./recovery-messages";

export const verifyCodeAction = publicAction(
  { schema: verifyCodeSchema, messages: getCodeStepMessages },
  async ({ code }, { ip }) => {
    const t = await getTranslations("ForgotPassword");
    const state = await readRecoveryCookie();
    if (state?.s !== "code") throw new ActionFailure("conflict", t("flowExpired"));
    const outcome = await verifyPasswordResetCode({ usernameKey: state.u, code, ip });
    switch (outcome.status) {
      case "rate_limited":
        throw new ActionFailure("rate_limited", t("rateLimited", { minutes: minutesUntil(outcome.retryAfterSeconds) }));
      case "invalid":
        throw new ActionFailure("invalid", t("codeInvalid"), { code: [t("codeInvalid")] });
      case "account-reset":
        await clearRecoveryCookie();
        return { next: "/forgot-password/account-reset" as const };
      case "verified":
        await setRecoveryCookie(verifiedStageToken(outcome.grant));
        return { next: "/forgot-password/new-password" as const };
    }
  },
);
