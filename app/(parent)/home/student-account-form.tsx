"use client";
// Username and password for a child's student login; checked again on the server.
import { useId } from "react";
import { useTranslations } from "next-intl";
import { formText } from "@/components/ui/form-text";
import { TextField } from "../_components/text-field";
import { FormAlert } from "../_components/form-alert";
import { SubmitButton } from "../_components/submit-button";
import { useParentActionForm } from "../_components/use-parent-action-form";
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
  const form = useParentActionForm(createStudentAccountAction, {
    toInput: (data) => ({ studentId, ...formText(data, ["username", "password", "confirmPassword"]) }),
    onSuccess: (data) => onCreated(data.username),
  });

  return (
    <form {...form.formProps} noValidate aria-label={title} className="space-y-3 border-t border-slate-200 pt-3">
      <h4 className="font-medium">{title}</h4>
      {form.message ? <FormAlert tone={form.message.tone}>{form.message.text}</FormAlert> : null}
      <TextField id={`${id}-username`} name="username" label={t("studentUsername")} hint={t("studentUsernameHint")} errors={form.fieldErrors.username} autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={32} ltr required />
      <TextField id={`${id}-password`} name="password" type="password" label={t("studentPassword")} errors={form.fieldErrors.password} autoComplete="new-password" maxLength={1024} ltr required />
      <TextField id={`${id}-confirm`} name="confirmPassword" type="password" label={t("studentPasswordConfirm")} errors={form.fieldErrors.confirmPassword} autoComplete="new-password" maxLength={1024} ltr required />
      <div className="flex gap-2">
        <SubmitButton pending={form.pending} label={t("studentSubmit")} pendingLabel={t("studentSubmitting")} className="w-auto" />
        <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-100">
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
