"use client";
// New password twice (plus the current one for an active account); policy errors come back
// from the server in the page's language. On success the portal home opens.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { formText } from "@/components/ui/form-text";
import { PASSWORD_MAX_LENGTH } from "@/lib/accounts/password-policy-limits";
import { TextField } from "../_components/text-field";
import { FormAlert } from "../_components/form-alert";
import { SubmitButton } from "../_components/submit-button";
import { useParentActionForm } from "../_components/use-parent-action-form";
import { changePasswordAction } from "./actions";
import { changePasswordFormAction } from "./change-password-form-action";

/** `app`: a provider interaction waiting for this password (the app sign-in of a temporary password) to go on to. */
export function ChangePasswordForm({ askCurrentPassword, username, app }: { askCurrentPassword: boolean; username: string; app?: string }) {
  const t = useTranslations("ChangePassword");
  const [visible, setVisible] = useState(false);
  const form = useParentActionForm(changePasswordAction, {
    postAction: changePasswordFormAction,
    toInput: (data) => {
      const { currentPassword, ...rest } = formText(data, ["currentPassword", "newPassword", "confirmPassword"]);
      return { ...rest, currentPassword: askCurrentPassword ? currentPassword : undefined };
    },
    // A full page load: the session behind the cookie changed (password no longer temporary).
    navigateTo: (result) => (result.ok ? (app ? `/oidc/interaction/${app}` : "/home?passwordSaved=1") : result.code === "unauthorized" ? "/sign-in" : null),
    fullReload: true,
  });

  const type = visible ? "text" : "password";
  return (
    <form {...form.formProps} noValidate className="space-y-4">
      {form.message ? <FormAlert tone={form.message.tone}>{form.message.text}</FormAlert> : null}
      {/* Lets password managers store the new password under the right username. */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      {app ? <input type="hidden" name="app" value={app} /> : null}
      {askCurrentPassword ? (
        <TextField id="currentPassword" type={type} label={t("currentPassword")} errors={form.fieldErrors.currentPassword} autoComplete="current-password" maxLength={1024} ltr required />
      ) : null}
      <TextField id="newPassword" type={type} label={t("newPassword")} errors={form.fieldErrors.newPassword} autoComplete="new-password" maxLength={PASSWORD_MAX_LENGTH + 64} ltr required />
      <TextField id="confirmPassword" type={type} label={t("confirmPassword")} errors={form.fieldErrors.confirmPassword} autoComplete="new-password" maxLength={PASSWORD_MAX_LENGTH + 64} ltr required />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={visible} onChange={(event) => setVisible(event.target.checked)} className="size-4" />
        {t("showPasswords")}
      </label>
      <SubmitButton pending={form.pending} label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}
