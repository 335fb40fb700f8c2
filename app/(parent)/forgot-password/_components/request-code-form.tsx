"use client";
// Step 1: the username. Every username leads to the same next page.
import { useTranslations } from "next-intl";
import { formText } from "@/components/ui/form-text";
import { TextField } from "../../_components/text-field";
import { FormAlert } from "../../_components/form-alert";
import { SubmitButton } from "../../_components/submit-button";
import { useParentActionForm } from "../../_components/use-parent-action-form";
import { requestCodeAction } from "../_actions/request-code-action";
import { requestCodeFormAction } from "../_actions/posted-form-actions";

export function RequestCodeForm() {
  const t = useTranslations("ForgotPassword");
  const form = useParentActionForm(requestCodeAction, {
    postAction: requestCodeFormAction,
    toInput: (data) => formText(data, ["username"]),
    navigateTo: (result) => (result.ok ? result.data.next : null),
  });

  return (
    <form {...form.formProps} noValidate className="space-y-4">
      {form.message ? <FormAlert tone={form.message.tone}>{form.message.text}</FormAlert> : null}
      <TextField id="username" label={t("usernameLabel")} autoComplete="username" autoCapitalize="none" spellCheck={false} ltr required maxLength={64} errors={form.fieldErrors.username} />
      <SubmitButton pending={form.pending} label={t("next")} pendingLabel={t("working")} className="w-auto" />
    </form>
  );
}
