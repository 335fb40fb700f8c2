"use client";
// Signs in through next-auth's "parent" provider without a redirect, so failures are shown
// here in the page's language. Posted before the scripts run (or without them), the form goes
// to a server action instead: never a GET, so the password cannot land in a URL.
import { useTranslations } from "next-intl";
import { formText } from "@/components/ui/form-text";
import { TextField } from "../_components/text-field";
import { FormAlert } from "../_components/form-alert";
import { SubmitButton } from "../_components/submit-button";
import { useParentActionForm } from "../_components/use-parent-action-form";
import { signInParent } from "./sign-in-parent";
import { signInParentFormAction } from "./sign-in-form-action";

/** `app`: the provider interaction this sign-in is for; after it the browser goes on there. */
export function ParentSignInForm({ app }: { app?: string }) {
  const t = useTranslations("SignIn");
  const messages = { missing: t("missing"), invalid: t("invalid"), rateLimited: t("rateLimited") };
  const form = useParentActionForm((input: { username: string; password: string }) => signInParent(input, messages), {
    toInput: (data) => formText(data, ["username", "password"]),
    // /home sends a temporary-password session on to "Choose your password"; a full load
    // so the page is rendered with the new session cookie.
    navigateTo: (result) => (result.ok ? (app ? `/oidc/interaction/${app}` : "/home") : null),
    fullReload: true,
    unreachableMessage: t("unavailable"),
    postAction: signInParentFormAction,
  });

  return (
    <form {...form.formProps} noValidate className="space-y-4">
      {form.message ? <FormAlert tone={form.message.tone}>{form.message.text}</FormAlert> : null}
      {app ? <input type="hidden" name="app" value={app} /> : null}
      <TextField id="username" label={t("username")} autoComplete="username" autoCapitalize="none" spellCheck={false} maxLength={64} ltr required />
      <TextField id="password" type="password" label={t("password")} autoComplete="current-password" maxLength={256} ltr required />
      <p className="text-sm text-slate-600">{t("temporaryHint")}</p>
      <SubmitButton pending={form.pending} label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}
