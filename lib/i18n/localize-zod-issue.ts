// Turns a zod issue into a message of the Validation namespace, in the request's language.
// Schemas shared with the parent portal state no messages of their own (a schema-level
// message would win over this map); custom checks name their message key in `params.key`:
//   .refine(check, { params: { key: "passwordsDoNotMatch" } })
import type { z } from "zod";
import type { Messages } from "@/lib/i18n/messages";

export type ValidationKey = keyof Messages["Validation"];
export type ValidationTranslate = (key: ValidationKey, values?: Record<string, string | number>) => string;

export function localizeZodIssue(t: ValidationTranslate, issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case "custom": {
      const params = (issue.params ?? {}) as { key?: ValidationKey } & Record<string, string | number>;
      const { key, ...values } = params;
      return key ? t(key, values) : t("invalid");
    }
    case "invalid_type":
      return issue.input === undefined || issue.input === null ? t("required") : t("invalid");
    case "too_small":
      if (issue.origin === "string") {
        const min = Number(issue.minimum);
        return min <= 1 ? t("required") : t("tooShort", { min });
      }
      return t("invalid");
    case "too_big":
      return issue.origin === "string" ? t("tooLong", { max: Number(issue.maximum) }) : t("invalid");
    case "invalid_format":
      return issue.format === "email" ? t("emailInvalid") : t("invalid");
    default:
      return t("invalid");
  }
}
