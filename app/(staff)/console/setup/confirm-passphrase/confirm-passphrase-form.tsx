"use client";
// The passphrase, once more; on success back to the page that asked for it.
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useActionForm } from "@/components/ui/use-action-form";
import { reauthenticateAction } from "./reauthenticate-action";

export function ConfirmPassphraseForm({ next }: { next: string }) {
  const form = useActionForm(reauthenticateAction, {
    toInput: (data) => ({ passphrase: String(data.get("passphrase") ?? "") }),
    navigateTo: (result) => (result.ok ? next : null),
  });
  return (
    <form {...form.formProps} noValidate className="mt-6 space-y-4">
      <FormField name="passphrase" label="Passphrase" errors={form.fieldErrors.passphrase}>
        {(props) => <Input {...props} type="password" autoComplete="current-password" required maxLength={256} autoFocus />}
      </FormField>
      {form.message ? <FormAlert tone={form.message.tone}>{form.message.text}</FormAlert> : null}
      <Button type="submit" disabled={form.pending} aria-busy={form.pending} className="w-full">
        {form.pending ? "Checking…" : "Confirm"}
      </Button>
    </form>
  );
}
