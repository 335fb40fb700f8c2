"use client";
// Asks for a new temporary password. The answer is the same whether or not an account
// matched, so this form cannot be used to find out who has an account.
import { useTranslations } from "next-intl";
import { formText } from "@/components/ui/form-text";
import { TextField } from "../_components/text-field";
import { FormAlert } from "../_components/form-alert";
import { SubmitButton } from "../_components/submit-button";
import { useParentActionForm } from "../_components/use-parent-action-form";
import { resendTemporaryPasswordAction } from "./actions";

export function ResendTemporaryPasswordForm() {
  const t = useTranslations("CreateAccount");
  const form = useParentActionForm(resendTemporaryPasswordAction, {
    toInput: (data) => formText(data, ["studentId", "firstName", "lastName"]),
    successMessage: (data) =>
      data.status === "rate_limited" ? { tone: "error", text: t("rateLimited", { minutes: data.retryAfterMinutes }) } : t("resendDone"),
  });

  return (
    <form {...form.formProps} noValidate className="space-y-4">
      {form.message ? <FormAlert tone={form.message.tone}>{form.message.text}</FormAlert> : null}
      <TextField id="resend-studentId" name="studentId" label={t("resendStudentIdLabel")} errors={form.fieldErrors.studentId} autoComplete="off" maxLength={20} ltr required />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField id="resend-firstName" name="firstName" label={t("firstNameLabel")} errors={form.fieldErrors.firstName} autoComplete="given-name" maxLength={100} required />
        <TextField id="resend-lastName" name="lastName" label={t("lastNameLabel")} errors={form.fieldErrors.lastName} autoComplete="family-name" maxLength={100} required />
      </div>
      <SubmitButton pending={form.pending} label={t("resendSubmit")} pendingLabel={t("resendSubmitting")} />
    </form>
  );
}
