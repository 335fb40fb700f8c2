"use client";
// The last step: the new passphrase twice, under the district's rules.
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useActionForm } from "@/components/ui/use-action-form";
import { staffPassphraseHint } from "@/lib/staff-auth/staff-passphrase-hint";
import { setRecoveredPassphraseAction } from "../_actions/set-recovered-passphrase-action";
import { setRecoveredPassphraseFormAction } from "../_actions/posted-recovery-actions";

export function NewPassphraseForm({ minLength }: { minLength: number }) {
  const form = useActionForm(setRecoveredPassphraseAction, {
    toInput: (data) => ({ newPassphrase: String(data.get("newPassphrase") ?? ""), confirmation: String(data.get("confirmation") ?? "") }),
    navigateTo: (result) => (result.ok ? result.data.next : null),
    postAction: setRecoveredPassphraseFormAction,
  });
  return (
    <form {...form.formProps} noValidate className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <FormField
        name="newPassphrase"
        label="New passphrase"
        errors={form.fieldErrors.newPassphrase}
        hint={staffPassphraseHint(minLength)}
      >
        {(field) => <Input {...field} type="password" autoComplete="new-password" required minLength={minLength} maxLength={512} />}
      </FormField>
      <FormField name="confirmation" label="Repeat the new passphrase" errors={form.fieldErrors.confirmation}>
        {(field) => <Input {...field} type="password" autoComplete="new-password" required maxLength={512} />}
      </FormField>
      {form.message ? <FormAlert tone={form.message.tone}>{form.message.text}</FormAlert> : null}
      <Button type="submit" className="w-full" disabled={form.pending} aria-busy={form.pending}>
        {form.pending ? "Saving…" : "Set new passphrase"}
      </Button>
    </form>
  );
}
