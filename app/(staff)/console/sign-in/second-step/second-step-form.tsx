"use client";
// The second step: an authenticator code (or a recovery code), or a passkey. The passkey
// button asks the browser for an assertion, then posts it through the same form.
import { useActionState, useRef, useState } from "react";
import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormAlert } from "@/components/ui/form-alert";
import { secondStepFormAction } from "./second-step-action";
import { SECOND_STEP_MESSAGES } from "./second-step-messages";

interface Props {
  callbackPath: string;
  totp: boolean;
  passkeyOptions: PublicKeyCredentialRequestOptionsJSON | null;
  rememberDays: number;
}

export function SecondStepForm({ callbackPath, totp, passkeyOptions, rememberDays }: Props) {
  const [state, action, pending] = useActionState(secondStepFormAction, null);
  const [kind, setKind] = useState<"totp" | "recovery">(totp ? "totp" : "recovery");
  const [passkeyError, setPasskeyError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const kindRef = useRef<HTMLInputElement>(null);
  const responseRef = useRef<HTMLInputElement>(null);
  const error = passkeyError ?? state?.error ?? null;

  async function onUsePasskey() {
    if (!passkeyOptions) return;
    setPasskeyError(null);
    try {
      const response = await startAuthentication({ optionsJSON: passkeyOptions });
      kindRef.current!.value = "passkey";
      responseRef.current!.value = JSON.stringify(response);
      formRef.current!.requestSubmit();
    } catch {
      setPasskeyError(SECOND_STEP_MESSAGES.passkey_failed);
    }
  }

  return (
    <form ref={formRef} action={action} noValidate className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      {error ? <FormAlert tone="error">{error}</FormAlert> : null}
      <input type="hidden" name="callbackPath" value={callbackPath} />
      <input ref={kindRef} type="hidden" name="kind" value={kind} />
      <input ref={responseRef} type="hidden" name="passkeyResponse" defaultValue="" />
      <div className="space-y-1">
        <label htmlFor="second-step-code" className="block text-sm font-medium text-slate-800">
          {kind === "totp" ? "Code from your authenticator app" : "Recovery code"}
        </label>
        <Input
          id="second-step-code"
          name="code"
          autoComplete="one-time-code"
          inputMode={kind === "totp" ? "numeric" : "text"}
          maxLength={24}
          aria-describedby="second-step-code-help"
          aria-invalid={Boolean(error)}
        />
        <p id="second-step-code-help" className="text-xs text-slate-600">
          {kind === "totp" ? "Six digits; a new code appears every 30 seconds." : "One of the ten codes you saved, e.g. ABCD-EFGH-JKMN-PQRS. Each works once."}
        </p>
      </div>
      {rememberDays > 0 ? (
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" name="remember" value="1" className="h-4 w-4 accent-blue-700" />
          Don&apos;t ask again on this browser for {rememberDays} day{rememberDays === 1 ? "" : "s"}
        </label>
      ) : null}
      <Button type="submit" className="w-full" disabled={pending} onClick={() => (kindRef.current!.value = kind)}>
        {pending ? "Checking…" : "Continue"}
      </Button>
      {passkeyOptions ? (
        <Button type="button" variant="outline" className="w-full" disabled={pending} onClick={onUsePasskey}>
          Use a passkey
        </Button>
      ) : null}
      <p className="text-sm">
        <button type="button" className="text-blue-700 underline" onClick={() => setKind(kind === "totp" ? "recovery" : "totp")} disabled={!totp && kind === "recovery"}>
          {kind === "totp" ? "Use a recovery code instead" : totp ? "Use your authenticator app instead" : ""}
        </button>
      </p>
      <p className="text-xs text-slate-600">
        Lost your phone and your recovery codes? Contact the help desk; they can check who you are and reset your two-step sign-in.
      </p>
    </form>
  );
}
