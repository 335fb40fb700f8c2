"use client";
// Checks one code: from a text, an e-mail, the authenticator app, or a recovery code.
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useActionForm } from "@/components/ui/use-action-form";
import { checkRecoveryStepAction } from "../_actions/check-recovery-step-action";
import { checkRecoveryCodeFormAction } from "../_actions/posted-recovery-actions";

type CodeMethod = "sms" | "email" | "totp" | "recovery-code";

const LABELS: Record<CodeMethod, { label: string; hint: string }> = {
  sms: { label: "Code from the text message", hint: "6 digits." },
  email: { label: "Code from the e-mail", hint: "6 digits." },
  totp: { label: "Code from your authenticator app", hint: "The 6 digits the app shows now." },
  "recovery-code": { label: "One of your recovery codes", hint: "Each code works once." },
};

export function CheckCodeForm({ method }: { method: CodeMethod }) {
  const form = useActionForm(checkRecoveryStepAction, {
    toInput: (data) => ({ method, code: String(data.get("code") ?? "") }),
    navigateTo: (result) => (result.ok ? result.data.next : null),
    fullReload: true,
    postAction: checkRecoveryCodeFormAction,
  });
  const { label, hint } = LABELS[method];
  return (
    <form {...form.formProps} noValidate className="space-y-3" aria-label="Verify">
      <input type="hidden" name="method" value={method} />
      <FormField name="code" label={label} errors={form.fieldErrors.code} hint={hint}>
        {(field) => <Input {...field} inputMode={method === "recovery-code" ? "text" : "numeric"} autoComplete="one-time-code" required maxLength={64} />}
      </FormField>
      {form.message ? <FormAlert tone={form.message.tone}>{form.message.text}</FormAlert> : null}
      <Button type="submit" disabled={form.pending} aria-busy={form.pending}>
        {form.pending ? "Checking…" : "Verify"}
      </Button>
    </form>
  );
}
