"use client";
// Step 2: the six-digit security code from the email.
import { useState } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { verifyCodeAction } from "../_actions/verify-code-action";
import { TextField } from "./text-field";
import { FormAlert } from "./form-alert";
import { useActionForm } from "./use-action-form";

export function VerifyCodeForm() {
  const t = useTranslations("ForgotPassword");
  const common = useTranslations("Common");
  const [code, setCode] = useState("");
  const { pending, formError, fieldErrors, submit } = useActionForm(verifyCodeAction, { genericError: common("genericError") });

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        submit({ code });
      }}
    >
      <FormAlert message={formError} />
      <TextField
        id="code"
        label={t("codeLabel")}
        hint={t("codeHint")}
        inputMode="numeric"
        autoComplete="one-time-code"
        dir="ltr"
        required
        maxLength={12}
        className="max-w-40 font-mono tracking-widest"
        value={code}
        errors={fieldErrors.code}
        onChange={(event) => setCode(event.target.value)}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? t("working") : t("next")}
        </Button>
        <Link href="/sign-in" className="text-sm text-slate-700 underline">
          {t("cancel")}
        </Link>
      </div>
    </form>
  );
}
