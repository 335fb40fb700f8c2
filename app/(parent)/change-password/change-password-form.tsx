"use client";
// New password twice (plus the current one for an active account); policy errors come back
// from the server in the page's language. On success the portal home opens.
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { PASSWORD_MAX_LENGTH } from "@/lib/accounts/password-policy-limits";
import { TextField } from "../_components/text-field";
import { FormAlert } from "../_components/form-alert";
import { SubmitButton } from "../_components/submit-button";
import { changePasswordAction } from "./actions";

export function ChangePasswordForm({ askCurrentPassword, username }: { askCurrentPassword: boolean; username: string }) {
  const t = useTranslations("ChangePassword");
  const [pending, setPending] = useState(false);
  const [visible, setVisible] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      const result = await changePasswordAction({
        currentPassword: askCurrentPassword ? String(form.get("currentPassword") ?? "") : undefined,
        newPassword: String(form.get("newPassword") ?? ""),
        confirmPassword: String(form.get("confirmPassword") ?? ""),
      });
      if (result.ok) {
        window.location.assign("/home?passwordSaved=1");
        return;
      }
      if (result.code === "unauthorized") {
        window.location.assign("/sign-in");
        return;
      }
      setError(result.error);
      setFieldErrors(result.fieldErrors ?? {});
    } catch {
      setError(t("sessionEnded"));
    }
    setPending(false);
  }

  const type = visible ? "text" : "password";
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {error ? <FormAlert tone="error">{error}</FormAlert> : null}
      {/* Lets password managers store the new password under the right username. */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      {askCurrentPassword ? (
        <TextField id="currentPassword" name="currentPassword" type={type} label={t("currentPassword")} errors={fieldErrors.currentPassword} autoComplete="current-password" maxLength={1024} ltr required />
      ) : null}
      <TextField id="newPassword" name="newPassword" type={type} label={t("newPassword")} errors={fieldErrors.newPassword} autoComplete="new-password" maxLength={PASSWORD_MAX_LENGTH + 64} ltr required />
      <TextField id="confirmPassword" name="confirmPassword" type={type} label={t("confirmPassword")} errors={fieldErrors.confirmPassword} autoComplete="new-password" maxLength={PASSWORD_MAX_LENGTH + 64} ltr required />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={visible} onChange={(event) => setVisible(event.target.checked)} className="size-4" />
        {t("showPasswords")}
      </label>
      <SubmitButton pending={pending} label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}
