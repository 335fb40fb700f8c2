// Password-policy violations as translated field messages (Validation namespace).
import type { ValidationTranslate } from "@/lib/i18n/localize-zod-issue";
import { PASSWORD_MAX_LENGTH, type PasswordViolation } from "@/lib/accounts/password-policy";

export function passwordViolationMessages(t: ValidationTranslate, violations: PasswordViolation[], minLength: number): string[] {
  return violations.map((violation) => {
    switch (violation) {
      case "too_short":
        return t("passwordTooShort", { min: minLength });
      case "too_long":
        return t("passwordTooLong", { max: PASSWORD_MAX_LENGTH });
      case "same_as_username":
        return t("passwordSameAsUsername");
      case "common":
        return t("passwordCommon");
    }
  });
}
