// Localized messages for the recovery actions: Validation for zod issues, plus the security
// code's own format message.
import { getTranslations } from "next-intl/server";
import { getValidationMessages } from "@/lib/i18n/validation-messages";

export async function getRecoveryMessages() {
  const [validation, t] = await Promise.all([getValidationMessages(), getTranslations("ForgotPassword")]);
  return {
    ...validation,
    localizeIssue: (issue: Parameters<typeof validation.localizeIssue>[0]) =>
      issue.path?.[0] === "code" ? t("codeFormat") : validation.localizeIssue(issue),
  };
}

/**
 * The code step: a malformed code ("12ab") is told next to the field only, like a wrong one
 * (the form drops an alert that repeats the field's words), not with an extra "correct the
 * highlighted fields" alert above the form.
 */
export async function getCodeStepMessages() {
  const [messages, t] = await Promise.all([getRecoveryMessages(), getTranslations("ForgotPassword")]);
  return { ...messages, invalid: t("codeFormat") };
}

export function minutesUntil(retryAfterSeconds: number): number {
  return Math.max(1, Math.ceil(retryAfterSeconds / 60));
}
