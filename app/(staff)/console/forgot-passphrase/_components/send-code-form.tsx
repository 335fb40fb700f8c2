"use client";
// Asks for a code by text (after typing the full number on record) or by e-mail to the
// alternate address. The answer never says whether the method is registered.
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useActionForm } from "@/components/ui/use-action-form";
import { sendRecoveryCodeAction } from "../_actions/send-recovery-code-action";

export function SendCodeForm({ method }: { method: "sms" | "email" }) {
  const form = useActionForm(sendRecoveryCodeAction, {
    toInput: (data) => (method === "sms" ? { method, phone: String(data.get("phone") ?? "") } : { method }),
    successMessage: (data) => data.message,
  });
  return (
    <form {...form.formProps} noValidate className="space-y-3" aria-label={method === "sms" ? "Text me a code" : "E-mail me a code"}>
      {method === "sms" ? (
        <FormField name="phone" label="Your mobile phone number" errors={form.fieldErrors.phone} hint="Type the whole number you registered, e.g. (555) 555-0123 or +15555550123.">
          {(field) => <Input {...field} type="tel" autoComplete="tel" required maxLength={40} />}
        </FormField>
      ) : null}
      {form.message ? <FormAlert tone={form.message.tone}>{form.message.text}</FormAlert> : null}
      <Button type="submit" variant="outline" disabled={form.pending} aria-busy={form.pending}>
        {method === "sms" ? "Text me a code" : "E-mail me a code"}
      </Button>
    </form>
  );
}
