"use server";
// Creates (or replaces) a student login for one of the signed-in parent's own children.
import { ActionFailure } from "@/lib/actions/action-result";
import { publicAction } from "@/lib/actions/safe-action";
import { getParentPrincipal } from "@/lib/auth/current-principal";
import { getValidationMessages } from "@/lib/i18n/validation-messages";
import { getTranslations } from "next-intl/server";
import { createStudentAccountSchema } from "@/lib/accounts/account-schemas";
import { createStudentAccount } from "@/lib/accounts/create-student-account";
import { passwordViolationMessages } from "@/lib/accounts/password-violation-messages";

export const createStudentAccountAction = publicAction(
  { schema: createStudentAccountSchema, messages: getValidationMessages },
  async (input, { ip }) => {
    const [tHome, tChange] = await Promise.all([getTranslations("Home"), getTranslations("ChangePassword")]);
    const parent = await getParentPrincipal();
    if (!parent || parent.mustChangePassword) throw new ActionFailure("unauthorized", tChange("sessionEnded"));
    const result = await createStudentAccount({ parentAccountId: parent.parentAccountId, ...input, ip });
    if (result.ok) return { username: result.username };
    const { t, invalid } = await getValidationMessages();
    if (result.reason === "policy") {
      throw new ActionFailure("invalid", invalid, { password: passwordViolationMessages(t, result.violations, result.minLength) });
    }
    if (result.reason === "username_taken") throw new ActionFailure("conflict", invalid, { username: [t("usernameTaken")] });
    throw new ActionFailure("forbidden", tHome("notYourChild"));
  },
);
