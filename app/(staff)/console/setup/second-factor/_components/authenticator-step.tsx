"use client";
// Step 2: add the key to the authenticator app, type the code it shows; then save the
// recovery codes, shown this once.
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormAlert } from "@/components/ui/form-alert";
import { confirmAuthenticatorAction } from "../_actions/confirm-authenticator-action";
import { RecoveryCodesList } from "../../../_components/recovery-codes-list";

export function AuthenticatorStep({ secret, uri }: { secret: string; uri: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

  function onSubmit(form: FormData) {
    startTransition(async () => {
      const result = await confirmAuthenticatorAction({ code: String(form.get("code") ?? "") });
      if (result.ok) setCodes(result.data.recoveryCodes);
      else setError(result.error);
    });
  }

  if (codes) return <RecoveryCodesList codes={codes} continueHref="/console/parents" />;
  return (
    <section aria-labelledby="step-2" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="step-2" className="text-lg font-semibold text-slate-900">Step 2: add the authenticator app</h2>
      <p className="text-sm text-slate-700">
        In your authenticator app choose “add account”, then “enter a setup key”, and type this key (time-based). On a phone you can also{" "}
        <a className="text-blue-700 underline" href={uri}>
          open it in the app
        </a>
        .
      </p>
      <p className="rounded-md bg-slate-100 p-3 font-mono text-lg tracking-wider text-slate-900" aria-label="Setup key" data-testid="totp-secret">
        {secret.match(/.{1,4}/g)?.join(" ")}
      </p>
      {error ? <FormAlert tone="error">{error}</FormAlert> : null}
      <form action={onSubmit} className="space-y-2">
        <label htmlFor="totp-code" className="block text-sm font-medium text-slate-800">
          The 6-digit code the app shows now
        </label>
        <Input id="totp-code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
        <Button type="submit" disabled={pending}>
          Turn on two-step sign-in
        </Button>
      </form>
    </section>
  );
}
