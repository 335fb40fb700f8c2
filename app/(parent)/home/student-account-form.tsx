"use client";
// Username and password for a child's student login; checked again on the server.
import { useId, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { TextField } from "../_components/text-field";
import { FormAlert } from "../_components/form-alert";
import { SubmitButton } from "../_components/submit-button";
import { createStudentAccountAction } from "./actions";

interface StudentAccountFormProps {
  studentId: number;
  title: string;
  onCancel: () => void;
  onCreated: (username: string) => void;
}

export function StudentAccountForm({ studentId, title, onCancel, onCreated }: StudentAccountFormProps) {
  const t = useTranslations("Home");
  const id = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      const result = await createStudentAccountAction({
        studentId,
        username: String(form.get("username") ?? ""),
        password: String(form.get("password") ?? ""),
        confirmPassword: String(form.get("confirmPassword") ?? ""),
      });
      if (result.ok) {
        onCreated(result.data.username);
        return;
      }
      setError(result.error);
      setFieldErrors(result.fieldErrors ?? {});
    } catch {
      setError(t("notYourChild"));
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label={title} className="space-y-3 border-t border-slate-200 pt-3">
      <h4 className="font-medium">{title}</h4>
      {error ? <FormAlert tone="error">{error}</FormAlert> : null}
      <TextField id={`${id}-username`} name="username" label={t("studentUsername")} hint={t("studentUsernameHint")} errors={fieldErrors.username} autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={32} ltr required />
      <TextField id={`${id}-password`} name="password" type="password" label={t("studentPassword")} errors={fieldErrors.password} autoComplete="new-password" maxLength={1024} ltr required />
      <TextField id={`${id}-confirm`} name="confirmPassword" type="password" label={t("studentPasswordConfirm")} errors={fieldErrors.confirmPassword} autoComplete="new-password" maxLength={1024} ltr required />
      <div className="flex gap-2">
        <SubmitButton pending={pending} label={t("studentSubmit")} pendingLabel={t("studentSubmitting")} className="w-auto" />
        <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-100">
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
