"use client";
// Asks for a new temporary password. The answer is the same whether or not an account
// matched, so this form cannot be used to find out who has an account.
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { TextField } from "../_components/text-field";
import { FormAlert } from "../_components/form-alert";
import { SubmitButton } from "../_components/submit-button";
import { resendTemporaryPasswordAction } from "./actions";

export function ResendTemporaryPasswordForm() {
  const t = useTranslations("CreateAccount");
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setMessage(null);
    setFieldErrors({});
    try {
      const result = await resendTemporaryPasswordAction({
        studentId: String(form.get("studentId") ?? ""),
        firstName: String(form.get("firstName") ?? ""),
        lastName: String(form.get("lastName") ?? ""),
      });
      if (!result.ok) {
        setMessage({ tone: "error", text: result.error });
        setFieldErrors(result.fieldErrors ?? {});
      } else if (result.data.status === "rate_limited") {
        setMessage({ tone: "error", text: t("rateLimited", { minutes: result.data.retryAfterMinutes }) });
      } else {
        setMessage({ tone: "success", text: t("resendDone") });
      }
    } catch {
      setMessage({ tone: "error", text: t("noMatch") });
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {message ? <FormAlert tone={message.tone}>{message.text}</FormAlert> : null}
      <TextField id="resend-studentId" name="studentId" label={t("resendStudentIdLabel")} errors={fieldErrors.studentId} autoComplete="off" maxLength={20} ltr required />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField id="resend-firstName" name="firstName" label={t("firstNameLabel")} errors={fieldErrors.firstName} autoComplete="given-name" maxLength={100} required />
        <TextField id="resend-lastName" name="lastName" label={t("lastNameLabel")} errors={fieldErrors.lastName} autoComplete="family-name" maxLength={100} required />
      </div>
      <SubmitButton pending={pending} label={t("resendSubmit")} pendingLabel={t("resendSubmitting")} />
    </form>
  );
}
