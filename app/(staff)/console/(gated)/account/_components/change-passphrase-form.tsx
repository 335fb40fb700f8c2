"use client";
// "Change your passphrase": current one, a verification code (authenticator app, or a code
// sent to the registered phone or alternate e-mail), new one twice. A form action with
// useActionState, so it posts (never a GET with secrets in the URL) even before JavaScript has
// loaded; asking for a code by text or e-mail needs the scripts.
import { useActionState, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { changeOwnPassphraseAction } from "../_actions/change-own-passphrase-action";
import { sendPassphraseChangeCodeAction } from "../_actions/send-passphrase-change-code-action";
import { staffPassphraseHint } from "@/lib/staff-auth/staff-passphrase-hint";

const plural = (n: number) => (n === 1 ? "1 other session was" : `${n} other sessions were`);

export interface PassphraseChangeMethodsView {
  totp: boolean;
  phone: string | null;
  email: string | null;
}

export function ChangePassphraseForm({ passphraseMinLength, methods }: { passphraseMinLength: number; methods: PassphraseChangeMethodsView }) {
  const [result, formAction, pending] = useActionState(changeOwnPassphraseAction, null);
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const first = methods.totp ? "totp" : methods.phone ? "sms" : "email";
  const [method, setMethod] = useState<"totp" | "sms" | "email">(first);
  const [sending, startSending] = useTransition();
  const [sent, setSent] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const options = [
    methods.totp ? { value: "totp" as const, label: "Code from my authenticator app" } : null,
    methods.phone ? { value: "sms" as const, label: `Text a code to ${methods.phone}` } : null,
    methods.email ? { value: "email" as const, label: `E-mail a code to ${methods.email}` } : null,
  ].filter((option) => option !== null);

  function sendCode() {
    if (method === "totp") return;
    startSending(async () => {
      const outcome = await sendPassphraseChangeCodeAction({ method });
      setSent(outcome.ok ? { tone: "success", text: `Code sent to ${outcome.data.sentTo}. It works for 10 minutes.` } : { tone: "error", text: outcome.error });
    });
  }

  return (
    <form action={formAction} aria-labelledby="change-passphrase-heading" className="max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="change-passphrase-heading" className="text-base font-semibold text-slate-900">
        Change your passphrase
      </h2>
      <FormField name="currentPassphrase" label="Current passphrase" errors={errors.currentPassphrase}>
        {(field) => <Input {...field} type="password" autoComplete="current-password" required maxLength={256} />}
      </FormField>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Verify it&rsquo;s you</legend>
        {options.length === 0 ? (
          <p className="text-sm text-red-700">Register a mobile phone, an alternate e-mail or an authenticator app first.</p>
        ) : (
          options.map((option) => (
            <label key={option.value} className="flex items-center gap-2 text-sm text-slate-800">
              <input type="radio" name="verificationMethod" value={option.value} checked={method === option.value} onChange={() => setMethod(option.value)} />
              {option.label}
            </label>
          ))
        )}
        {method !== "totp" ? (
          <Button type="button" variant="outline" onClick={sendCode} disabled={sending} aria-busy={sending}>
            {sending ? "Sending…" : "Send me a code"}
          </Button>
        ) : null}
        {sent ? <FormAlert tone={sent.tone}>{sent.text}</FormAlert> : null}
      </fieldset>
      <FormField name="verificationCode" label="Verification code" errors={errors.verificationCode ?? errors.verificationMethod} hint="6 digits.">
        {(field) => <Input {...field} inputMode="numeric" autoComplete="one-time-code" required maxLength={64} />}
      </FormField>
      <FormField name="newPassphrase" label="New passphrase" errors={errors.newPassphrase} hint={staffPassphraseHint(passphraseMinLength)}>
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
