// The localized messages a parent-portal `publicAction` needs: generic form errors from
// Common and every zod issue through the Validation namespace.
import { getTranslations } from "next-intl/server";
import { localizeZodIssue, type ValidationTranslate } from "@/lib/i18n/localize-zod-issue";

export async function getValidationMessages() {
  const [common, validation] = await Promise.all([getTranslations("Common"), getTranslations("Validation")]);
  const t = validation as unknown as ValidationTranslate;
  return {
    invalid: common("invalidForm"),
    error: common("genericError"),
    localizeIssue: (issue: Parameters<typeof localizeZodIssue>[1]) => localizeZodIssue(t, issue),
    /** For checks done after parsing (password policy, username taken). */
    t,
  };
}
