"use client";
// Step 3 for a parent whose sign-in is locked or throttled: keep the password and unlock.
import { useTranslations } from "next-intl";
import { FormAlert } from "../../_components/form-alert";
import { SubmitButton } from "../../_components/submit-button";
import { useParentActionForm } from "../../_components/use-parent-action-form";
import { unlockAccountAction } from "../_actions/unlock-account-action";
import { unlockAccountFormAction } from "../_actions/posted-form-actions";

export function UnlockAccountForm() {
  const t = useTranslations("ForgotPassword");
  const form = useParentActionForm(unlockAccountAction, {
    postAction: unlockAccountFormAction,
    toInput: () => ({}),
    navigateTo: (result) => (result.ok ? result.data.next : null),
  });

  return (
    <form {...form.formProps} noValidate className="space-y-3">
      {form.message ? <FormAlert tone={form.message.tone}>{form.message.text}</FormAlert> : null}
      <SubmitButton pending={form.pending} label={t("unlockKeepPassword")} pendingLabel={t("working")} className="w-auto" />
    </form>
  );
}
