"use client";
// "Change your passphrase": current one, new one twice. A form action with useActionState,
// so it posts (never a GET with secrets in the URL) even before JavaScript has loaded.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { changeOwnPassphraseAction } from "../_actions/change-own-passphrase-action";
import { staffPassphraseHint } from "@/lib/staff-auth/staff-passphrase-hint";

const plural = (n: number) => (n === 1 ? "1 other session was" : `${n} other sessions were`);

export function ChangePassphraseForm({ passphraseMinLength }: { passphraseMinLength: number }) {
  const [result, formAction, pending] = useActionState(changeOwnPassphraseAction, null);
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} aria-labelledby="change-passphrase-heading" className="max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="change-passphrase-heading" className="text-base font-semibold text-slate-900">
        Change your passphrase
      </h2>
      <FormField name="currentPassphrase" label="Current passphrase" errors={errors.currentPassphrase}>
        {(field) => <Input {...field} type="password" autoComplete="current-password" required maxLength={256} />}
      </FormField>
      <FormField
        name="newPassphrase"
        label="New passphrase"
        errors={errors.newPassphrase}
        hint={staffPassphraseHint(passphraseMinLength)}
      >
        {(field) => <Input {...field} type="password" autoComplete="new-password" required minLength={passphraseMinLength} maxLength={256} />}
      </FormField>
      <FormField name="confirmPassphrase" label="New passphrase again" errors={errors.confirmPassphrase}>
        {(field) => <Input {...field} type="password" autoComplete="new-password" required maxLength={256} />}
      </FormField>
      {result ? (
        <FormAlert tone={result.ok ? "success" : "error"}>
          {result.ok ? `Passphrase changed. ${plural(result.data.sessionsEnded)} signed out.` : result.error}
        </FormAlert>
      ) : null}
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Changing…" : "Change passphrase"}
      </Button>
    </form>
  );
}
