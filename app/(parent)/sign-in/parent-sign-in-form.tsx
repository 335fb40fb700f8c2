"use client";
// Signs in through next-auth's "parent" provider without a redirect, so failures are shown
// here in the page's language. Every failure reads the same (no hint which part was wrong).
import { useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { TextField } from "../_components/text-field";
import { FormAlert } from "../_components/form-alert";
import { SubmitButton } from "../_components/submit-button";

export function ParentSignInForm() {
  const t = useTranslations("SignIn");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get("username") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!username || !password) {
      setError(t("missing"));
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await signIn("parent", { username, password, redirect: false });
      if (result?.ok && !result.error) {
        // /home sends a temporary-password session on to "Choose your password".
        window.location.assign("/home");
        return;
      }
      setError(result?.error === "rate_limited" ? t("rateLimited") : t("invalid"));
    } catch {
      setError(t("unavailable"));
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {error ? <FormAlert tone="error">{error}</FormAlert> : null}
      <TextField id="username" name="username" label={t("username")} autoComplete="username" autoCapitalize="none" spellCheck={false} maxLength={64} ltr required />
      <TextField id="password" name="password" type="password" label={t("password")} autoComplete="current-password" maxLength={256} ltr required />
      <p className="text-sm text-slate-600">{t("temporaryHint")}</p>
      <SubmitButton pending={pending} label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}
