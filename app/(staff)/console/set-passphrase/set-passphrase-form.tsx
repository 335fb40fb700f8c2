"use client";
// The form behind a setup link: the new passphrase twice. It posts (never GET) and works
// without JavaScript too (postAction), so a submit before the scripts load keeps the
// passphrase out of the URL and still sets it.
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useActionForm } from "@/components/ui/use-action-form";
import { setStaffPassphraseAction } from "./set-passphrase-action";
import { setStaffPassphraseFormAction } from "./set-passphrase-form-action";
import { staffPassphraseHint } from "@/lib/staff-auth/staff-passphrase-hint";

export function SetPassphraseForm({ token, email, minLength }: { token: string; email: string; minLength: number }) {
  const form = useActionForm(setStaffPassphraseAction, {
    toInput: (data) => ({
      token,
      passphrase: String(data.get("passphrase") ?? ""),
      confirmation: String(data.get("confirmation") ?? ""),
    }),
    // A new address drops the token from the address bar; the link is used up anyway.
    navigateTo: (result) => (result.ok ? "/console/set-passphrase/done" : null),
    postAction: setStaffPassphraseFormAction,
  });
  return (
    <form {...form.formProps} noValidate className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      {/* For password managers: the account this passphrase belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      {/* Read only by the no-script post (the scripted submit takes the token from the page). */}
      <input type="hidden" name="token" value={token} />
      <FormField name="passphrase" label="New passphrase" errors={form.fieldErrors.passphrase} hint={staffPassphraseHint(minLength)}>
        {(field) => <Input {...field} type="password" autoComplete="new-password" required minLength={minLength} maxLength={512} />}
      </FormField>
      <FormField name="confirmation" label="Repeat the passphrase" errors={form.fieldErrors.confirmation}>
        {(field) => <Input {...field} type="password" autoComplete="new-password" required maxLength={512} />}
      </FormField>
      {form.message ? <FormAlert tone={form.message.tone}>{form.message.text}</FormAlert> : null}
      <Button type="submit" className="w-full" disabled={form.pending} aria-busy={form.pending}>
        {form.pending ? "Saving…" : "Set passphrase"}
      </Button>
    </form>
  );
}
