"use client";
// Step 3: the new password, twice.
import { useTranslations } from "next-intl";
import { formText } from "@/components/ui/form-text";
import { TextField } from "../../_components/text-field";
import { FormAlert } from "../../_components/form-alert";
import { SubmitButton } from "../../_components/submit-button";
import { useParentActionForm } from "../../_components/use-parent-action-form";
import { setPasswordAction } from "../_actions/set-password-action";
import { CancelLink } from "./cancel-link";
import { setPasswordFormAction } from "../_actions/posted-form-actions";

export function NewPasswordForm({ rules }: { rules: string }) {
  const t = useTranslations("ForgotPassword");
  const form = useParentActionForm(setPasswordAction, {
    postAction: setPasswordFormAction,
    toInput: (data) => formText(data, ["password", "passwordConfirm"]),
    navigateTo: (result) => (result.ok ? result.data.next : null),
  });

  return (
    <form {...form.formProps} noValidate className="space-y-4">
      {form.message ? <FormAlert tone={form.message.tone}>{form.message.text}</FormAlert> : null}
      <TextField id="password" type="password" label={t("passwordLabel")} hint={rules} autoComplete="new-password" ltr required errors={form.fieldErrors.password} />
      <TextField id="passwordConfirm" type="password" label={t("passwordConfirmLabel")} autoComplete="new-password" ltr required errors={form.fieldErrors.passwordConfirm} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={form.pending} label={t("save")} pendingLabel={t("working")} className="w-auto" />
        <CancelLink />
      </div>
    </form>
  );
}
