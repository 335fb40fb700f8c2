"use client";
// "Add staff member": email, name, role and an initial passphrase the person changes later.
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { useActionForm } from "@/components/ui/use-action-form";
import { STAFF_ROLE_LABELS, STAFF_ROLES } from "@/lib/staff/staff-user-schemas";
import { createStaffUserAction } from "../_actions/create-staff-user-action";

export function CreateStaffUserForm({ passphraseMinLength, domains }: { passphraseMinLength: number; domains: string[] }) {
  const form = useActionForm(createStaffUserAction, {
    toInput: (data) => ({
      email: String(data.get("email") ?? ""),
      name: String(data.get("name") ?? ""),
      role: String(data.get("role") ?? "") as (typeof STAFF_ROLES)[number],
      passphrase: String(data.get("passphrase") ?? ""),
    }),
    successMessage: (data) => `Created the account ${data.email}. Give them the passphrase in person or by phone.`,
    onSuccess: (_data, element) => element.reset(),
  });
  return (
    <form {...form.formProps} noValidate aria-labelledby="create-staff-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="create-staff-heading" className="text-base font-semibold text-slate-900">
        Add a staff member
      </h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField name="email" label="Email" errors={form.fieldErrors.email} hint={domains.length ? `A district address (${domains.join(", ")})` : undefined}>
          {(field) => <Input {...field} type="email" autoComplete="off" required maxLength={254} />}
        </FormField>
        <FormField name="name" label="Name" errors={form.fieldErrors.name}>
          {(field) => <Input {...field} autoComplete="off" required maxLength={100} />}
        </FormField>
        <FormField name="role" label="Role" errors={form.fieldErrors.role}>
          {(field) => (
            <NativeSelect {...field} defaultValue="HELP_DESK">
              {STAFF_ROLES.map((role) => (
                <option key={role} value={role}>
                  {STAFF_ROLE_LABELS[role]}
                </option>
              ))}
            </NativeSelect>
          )}
        </FormField>
        <FormField name="passphrase" label="Initial passphrase" errors={form.fieldErrors.passphrase} hint={`At least ${passphraseMinLength} characters; several words are easiest to say and hard to guess.`}>
          {(field) => <Input {...field} type="password" autoComplete="new-password" required minLength={passphraseMinLength} maxLength={256} />}
        </FormField>
      </div>
      {form.message ? <FormAlert tone={form.message.tone}>{form.message.text}</FormAlert> : null}
      <Button type="submit" disabled={form.pending} aria-busy={form.pending}>
        {form.pending ? "Creating…" : "Create account"}
      </Button>
    </form>
  );
}
