"use client";
// Step 2: the six-digit security code from the email.
import { useTranslations } from "next-intl";
import { formText } from "@/components/ui/form-text";
import { TextField } from "../../_components/text-field";
import { FormAlert } from "../../_components/form-alert";
import { SubmitButton } from "../../_components/submit-button";
import { useParentActionForm } from "../../_components/use-parent-action-form";
import { verifyCodeAction } from "../_actions/verify-code-action";
import { CancelLink } from "./cancel-link";
import { verifyCodeFormAction } from "../_actions/posted-form-actions";

export function VerifyCodeForm() {
  const t = useTranslations("ForgotPassword");
  const form = useParentActionForm(verifyCodeAction, {
    postAction: verifyCodeFormAction,
    toInput: (data) => formText(data, ["code"]),
    navigateTo: (result) => (result.ok ? result.data.next : null),
  });

  return (
    <form {...form.formProps} noValidate className="space-y-4">
      {form.message ? <FormAlert tone={form.message.tone}>{form.message.text}</FormAlert> : null}
      <TextField
        id="code"
        label={t("codeLabel")}
        hint={t("codeHint")}
        inputMode="numeric"
        autoComplete="one-time-code"
        ltr
        required
        maxLength={12}
        className="max-w-40 font-mono tracking-widest"
        errors={form.fieldErrors.code}
      />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={form.pending} label={t("next")} pendingLabel={t("working")} className="w-auto" />
        <CancelLink />
      </div>
    </form>
  );
}
