"use client";
// "Add staff member": email, name and role. The person gets a one-time link by mail and
// chooses their own passphrase; the admin never sets or sees it.
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { useActionForm } from "@/components/ui/use-action-form";
import { STAFF_ROLE_LABELS, STAFF_ROLES } from "@/lib/staff/staff-user-schemas";
import { createStaffUserAction } from "../_actions/create-staff-user-action";

export function CreateStaffUserForm({ domains }: { domains: string[] }) {
  const form = useActionForm(createStaffUserAction, {
    toInput: (data) => ({
      email: String(data.get("email") ?? ""),
      name: String(data.get("name") ?? ""),
      role: String(data.get("role") ?? "") as (typeof STAFF_ROLES)[number],
    }),
    successMessage: (data) => `Created the account ${data.email} and mailed them a link to choose their passphrase (valid 24 hours).`,
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
      </div>
      {form.message ? <FormAlert tone={form.message.tone}>{form.message.text}</FormAlert> : null}
      <Button type="submit" disabled={form.pending} aria-busy={form.pending}>
        {form.pending ? "Creating…" : "Create account"}
      </Button>
    </form>
  );
}
