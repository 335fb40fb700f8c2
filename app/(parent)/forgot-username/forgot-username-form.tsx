"use client";
// The address twice; afterwards the same confirmation whatever the address.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { MailCheck } from "lucide-react";
import { Button } from "@/components/ui/button";
import { TextField } from "../forgot-password/_components/text-field";
import { FormAlert } from "../forgot-password/_components/form-alert";
import { useActionForm } from "../forgot-password/_components/use-action-form";
import { forgotUsernameAction } from "./forgot-username-action";

export function ForgotUsernameForm() {
  const t = useTranslations("ForgotUsername");
  const common = useTranslations("Common");
  const [email, setEmail] = useState("");
  const [emailConfirm, setEmailConfirm] = useState("");
  const [sent, setSent] = useState(false);
  const { pending, formError, fieldErrors, submit } = useActionForm(forgotUsernameAction, {
    genericError: common("genericError"),
    onSuccess: () => setSent(true),
  });

  if (sent) {
    return (
      <div role="status" className="space-y-2 rounded-md border border-green-200 bg-green-50 p-4 text-sm text-green-900">
        <p className="flex items-start gap-2 font-medium">
          <MailCheck aria-hidden className="mt-0.5 size-4 shrink-0" />
          {t("sentTitle")}
        </p>
        <p>{t("sent")}</p>
        <p className="text-green-800">{t("spamHint")}</p>
      </div>
    );
  }

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        submit({ email, emailConfirm });
      }}
    >
      <FormAlert message={formError} />
      <TextField
        id="email"
        type="email"
        label={t("emailLabel")}
        autoComplete="email"
        dir="ltr"
        required
        maxLength={254}
        value={email}
        errors={fieldErrors.email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <TextField
        id="emailConfirm"
        type="email"
        label={t("emailConfirmLabel")}
        autoComplete="off"
        dir="ltr"
        required
        maxLength={254}
        value={emailConfirm}
        errors={fieldErrors.emailConfirm}
        onChange={(event) => setEmailConfirm(event.target.value)}
      />
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
