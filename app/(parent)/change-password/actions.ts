"use server";
// "Choose your password" (first sign-in) and "Change password" (active account).
import { getPageLocale } from "@/lib/i18n/page-locale";
import { ActionFailure } from "@/lib/actions/action-result";
import { publicAction } from "@/lib/actions/safe-action";
import { getParentPrincipal } from "@/lib/auth/current-principal";
import { issueDeviceCookie } from "@/lib/auth/issue-device-cookie";
import { publicUrlIsHttps } from "@/lib/config/public-url";
import { getValidationMessages } from "@/lib/i18n/validation-messages";
import { getTranslations } from "next-intl/server";
import { changePasswordSchema } from "@/lib/accounts/account-schemas";
import { changeParentPassword } from "@/lib/accounts/change-parent-password";
import { passwordViolationMessages } from "@/lib/accounts/password-violation-messages";
import { getDistrictSettings } from "@/lib/settings/district-settings";

export const changePasswordAction = publicAction(
  { schema: changePasswordSchema, messages: getValidationMessages },
  async (input, { ip }) => {
    const tPage = await getTranslations("ChangePassword");
    const parent = await getParentPrincipal();
    if (!parent) throw new ActionFailure("unauthorized", tPage("sessionEnded"));
    const result = await changeParentPassword({
      parentAccountId: parent.parentAccountId,
      sessionId: parent.sessionId,
      currentPassword: input.currentPassword,
      newPassword: input.newPassword,
      ip,
      locale: await getPageLocale(),
    });
    if (result.ok) {
      // Device cookies end with the password they were minted under: this browser gets a new one.
      await issueDeviceCookie("parent", result.deviceToken, publicUrlIsHttps());
      return { changed: true };
    }
    const { t, invalid } = await getValidationMessages();
    switch (result.reason) {
      case "policy": {
        const { parentPasswordMinLength } = await getDistrictSettings();
        throw new ActionFailure("invalid", invalid, { newPassword: passwordViolationMessages(t, result.violations, parentPasswordMinLength) });
      }
      case "current_password_wrong":
        throw new ActionFailure("invalid", invalid, { currentPassword: [t("currentPasswordWrong")] });
      case "rate_limited":
        throw new ActionFailure("rate_limited", tPage("rateLimited"));
      case "account_reset":
        // Shown on the form (not a redirect to sign-in): the parent must re-register instead.
        throw new ActionFailure("conflict", tPage("accountReset"));
      default:
        throw new ActionFailure("unauthorized", tPage("sessionEnded"));
    }
  },
);
