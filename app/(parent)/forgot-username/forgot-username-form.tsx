"use client";
// The address twice; afterwards the same confirmation whatever the address.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { formText } from "@/components/ui/form-text";
import { TextField } from "../_components/text-field";
import { FormAlert } from "../_components/form-alert";
import { SubmitButton } from "../_components/submit-button";
import { useParentActionForm } from "../_components/use-parent-action-form";
import { forgotUsernameAction } from "./forgot-username-action";

export function ForgotUsernameForm() {
  const t = useTranslations("ForgotUsername");
  const [sent, setSent] = useState(false);
  const form = useParentActionForm(forgotUsernameAction, {
    toInput: (data) => formText(data, ["email", "emailConfirm"]),
    onSuccess: () => setSent(true),
  });

  if (sent) {
    return (
      <FormAlert tone="success">
        <p className="font-medium">{t("sentTitle")}</p>
        <p>{t("sent")}</p>
        <p>{t("spamHint")}</p>
      </FormAlert>
    );
  }

  return (
    <form {...form.formProps} noValidate className="space-y-4">
      {form.message ? <FormAlert tone={form.message.tone}>{form.message.text}</FormAlert> : null}
      <TextField id="email" type="email" label={t("emailLabel")} autoComplete="email" ltr required maxLength={254} errors={form.fieldErrors.email} />
      <TextField id="emailConfirm" type="email" label={t("emailConfirmLabel")} autoComplete="off" ltr required maxLength={254} errors={form.fieldErrors.emailConfirm} />
      <SubmitButton pending={form.pending} label={t("submit")} pendingLabel={t("submitting")} className="w-auto" />
    </form>
  );
}
