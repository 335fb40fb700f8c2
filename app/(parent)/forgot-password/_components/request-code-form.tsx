"use client";
// Step 1: the username. Every username leads to the same next page.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { requestCodeAction } from "../_actions/request-code-action";
import { TextField } from "./text-field";
import { FormAlert } from "./form-alert";
import { useActionForm } from "./use-action-form";

export function RequestCodeForm() {
  const t = useTranslations("ForgotPassword");
  const common = useTranslations("Common");
  const [username, setUsername] = useState("");
  const { pending, formError, fieldErrors, submit } = useActionForm(requestCodeAction, { genericError: common("genericError") });

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        submit({ username });
      }}
    >
      <FormAlert message={formError} />
      <TextField
        id="username"
        label={t("usernameLabel")}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        dir="ltr"
        required
        maxLength={64}
        value={username}
        errors={fieldErrors.username}
        onChange={(event) => setUsername(event.target.value)}
      />
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? t("working") : t("next")}
      </Button>
    </form>
  );
}
