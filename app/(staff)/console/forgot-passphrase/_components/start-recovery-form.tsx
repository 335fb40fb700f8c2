"use client";
// Step 0 of "Get back into your account": the user ID, why the person can't get in, and the
// CAPTCHA. Needs JavaScript (the CAPTCHA is a proof of work done in the browser).
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useActionForm } from "@/components/ui/use-action-form";
import { startRecoveryAction } from "../_actions/start-recovery-action";
import { AltchaField } from "./altcha-field";

export function StartRecoveryForm() {
  const [attempt, setAttempt] = useState(0);
  const form = useActionForm(startRecoveryAction, {
    toInput: (data) => {
      setAttempt((n) => n + 1);
      return { userId: String(data.get("userId") ?? ""), reason: String(data.get("reason") ?? "") as "forgot", altcha: String(data.get("altcha") ?? "") };
    },
    navigateTo: (result) => (result.ok ? result.data.next : null),
  });
  return (
    <form {...form.formProps} noValidate className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <FormField name="userId" label="User ID" errors={form.fieldErrors.userId} hint="Your district e-mail address, e.g. name@district.org">
        {(field) => <Input {...field} type="email" autoComplete="username" required maxLength={254} />}
      </FormField>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Why are you having trouble signing in?</legend>
        <label className="flex items-start gap-2 text-sm text-slate-800">
          <input type="radio" name="reason" value="forgot" defaultChecked className="mt-1" />
          <span>I forgot my passphrase</span>
        </label>
        <label className="flex items-start gap-2 text-sm text-slate-800">
          <input type="radio" name="reason" value="cant-sign-in" className="mt-1" />
          <span>I know my passphrase, but still can&rsquo;t sign in</span>
        </label>
        {form.fieldErrors.reason ? <p className="text-sm text-red-700">{form.fieldErrors.reason.join(" ")}</p> : null}
      </fieldset>
      <AltchaField errors={form.fieldErrors.altcha} resetKey={attempt} />
      {form.message ? <FormAlert tone={form.message.tone}>{form.message.text}</FormAlert> : null}
      <Button type="submit" className="w-full" disabled={form.pending} aria-busy={form.pending}>
        {form.pending ? "Checking…" : "Next"}
      </Button>
    </form>
  );
}
