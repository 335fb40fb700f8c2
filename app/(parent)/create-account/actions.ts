"use server";
// Create-account and resend-temporary-password actions: parsed with zod (messages in the
// parent's language), rate limited and audited in the domain functions they call.
import { getPageLocale } from "@/lib/i18n/page-locale";
import { ActionFailure } from "@/lib/actions/action-result";
import { publicAction } from "@/lib/actions/safe-action";
import { getValidationMessages } from "@/lib/i18n/validation-messages";
import { registerParentSchema, resendTemporaryPasswordSchema } from "@/lib/accounts/account-schemas";
import { registerParent } from "@/lib/accounts/register-parent";
import { resendTemporaryPassword } from "@/lib/accounts/resend-temporary-password";
import { getDistrictSettings } from "@/lib/settings/district-settings";

/** Registers (or re-registers after a reset) and mails a temporary password. */
export const registerParentAction = publicAction(
  { schema: registerParentSchema, messages: getValidationMessages },
  async (input, { ip }) => {
    const result = await registerParent(input, { ip, locale: await getPageLocale() });
    if (result.status === "username_taken") {
      const { t } = await getValidationMessages();
      throw new ActionFailure("conflict", t("usernameTaken"), { username: [t("usernameTaken")] });
    }
    if (result.status === "registered") {
      const { tempPasswordTtlHours } = await getDistrictSettings();
      return { ...result, hours: tempPasswordTtlHours };
    }
    return result;
  },
);

/** Mails a new temporary password to a login still waiting for its first sign-in. */
export const resendTemporaryPasswordAction = publicAction(
  { schema: resendTemporaryPasswordSchema, messages: getValidationMessages },
  async (input, { ip }) => resendTemporaryPassword(input, { ip, locale: await getPageLocale() }),
);
