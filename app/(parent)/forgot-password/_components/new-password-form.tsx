"use client";
// Step 3: the new password, twice.
import { useState } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { setPasswordAction } from "../_actions/set-password-action";
import { TextField } from "./text-field";
import { FormAlert } from "./form-alert";
import { useActionForm } from "./use-action-form";

export function NewPasswordForm({ rules }: { rules: string }) {
  const t = useTranslations("ForgotPassword");
  const common = useTranslations("Common");
  const [password, setPassword] = useState("");
  const [passwordConfirm, setPasswordConfirm] = useState("");
  const { pending, formError, fieldErrors, submit } = useActionForm(setPasswordAction, { genericError: common("genericError") });

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        submit({ password, passwordConfirm });
      }}
    >
      <FormAlert message={formError} />
      <TextField
        id="password"
        type="password"
        label={t("passwordLabel")}
        hint={rules}
        autoComplete="new-password"
        required
        value={password}
        errors={fieldErrors.password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <TextField
        id="passwordConfirm"
        type="password"
        label={t("passwordConfirmLabel")}
        autoComplete="new-password"
        required
        value={passwordConfirm}
        errors={fieldErrors.passwordConfirm}
        onChange={(event) => setPasswordConfirm(event.target.value)}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? t("working") : t("save")}
        </Button>
        <Link href="/sign-in" className="text-sm text-slate-700 underline">
          {t("cancel")}
        </Link>
      </div>
    </form>
  );
}
