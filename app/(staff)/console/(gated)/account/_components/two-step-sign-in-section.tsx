"use client";
// Your two-step sign-in: what is set up, new recovery codes, passkeys. Every change asks for a
// fresh code (authenticator or recovery code) typed here.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { startRegistration } from "@simplewebauthn/browser";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { FormAlert } from "@/components/ui/form-alert";
import type { ActionResult } from "@/lib/actions/action-result";
import { RecoveryCodesList } from "../../../_components/recovery-codes-list";
import { regenerateRecoveryCodesAction } from "../_actions/regenerate-recovery-codes-action";
import { beginPasskeyRegistrationAction } from "../_actions/begin-passkey-registration-action";
import { finishPasskeyRegistrationAction } from "../_actions/finish-passkey-registration-action";
import { removePasskeyAction } from "../_actions/remove-passkey-action";

interface Props {
  totp: boolean;
  recoveryCodesLeft: number;
  passkeys: { id: number; name: string; createdAt: string }[];
}

type Message = { tone: "success" | "error"; text: string };

export function TwoStepSignInSection({ totp, recoveryCodesLeft, passkeys }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<Message | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [kind, setKind] = useState<"totp" | "recovery">(totp ? "totp" : "recovery");
  const [code, setCode] = useState("");
  const [passkeyName, setPasskeyName] = useState("");
  const stepUp = () => ({ kind, code });

  function run<T>(work: () => Promise<ActionResult<T>>, onOk: (data: T) => Message | null) {
    setMessage(null);
    startTransition(async () => {
      const result: ActionResult<T> = await work().catch(() => ({ ok: false, code: "error", error: "The server could not be reached. Nothing was changed." }));
      if (!result.ok) {
        const firstFieldError = Object.values(result.fieldErrors ?? {})[0]?.[0];
        setMessage({ tone: "error", text: result.error === "Some fields need attention." && firstFieldError ? firstFieldError : result.error });
        return;
      }
      setCode("");
      setMessage(onOk(result.data));
      router.refresh();
    });
  }

  async function addPasskey(): Promise<ActionResult<{ added: true }>> {
    const begun = await beginPasskeyRegistrationAction(stepUp());
    if (!begun.ok) return begun;
    let response;
    try {
      response = await startRegistration({ optionsJSON: begun.data.options });
    } catch {
      return { ok: false, code: "error", error: "The browser did not create a passkey. Nothing was changed." };
    }
    const finished = await finishPasskeyRegistrationAction({ name: passkeyName, response: JSON.stringify(response) });
    return finished.ok ? { ok: true, data: { added: true } } : finished;
  }

  if (!totp && passkeys.length === 0) {
    return (
      <section aria-labelledby="two-step" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="two-step" className="text-base font-semibold text-slate-900">Two-step sign-in</h2>
        <p className="text-sm text-slate-700">Off. Protect your account with an authenticator app.</p>
        <a className="text-sm text-blue-700 underline" href="/console/setup/second-factor">Set up two-step sign-in</a>
      </section>
    );
  }
  return (
    <section aria-labelledby="two-step" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="two-step" className="text-base font-semibold text-slate-900">Two-step sign-in</h2>
      <ul className="list-disc pl-5 text-sm text-slate-700">
        <li>Authenticator app: {totp ? "set up" : "not set up"}</li>
        <li>Passkeys: {passkeys.length}</li>
        <li>Recovery codes left: {recoveryCodesLeft}{recoveryCodesLeft <= 3 ? " (make new ones soon)" : ""}</li>
      </ul>
      <fieldset className="grid gap-2 sm:grid-cols-2">
        <legend className="mb-1 text-sm font-medium text-slate-800">Confirm it is you for any change below</legend>
        <label className="text-sm text-slate-700">
          With
          <NativeSelect value={kind} onChange={(event) => setKind(event.target.value as "totp" | "recovery")} aria-label="Confirm with">
            <option value="totp">Authenticator app code</option>
            <option value="recovery">Recovery code</option>
          </NativeSelect>
        </label>
        <label className="text-sm text-slate-700">
          Code
          <Input value={code} onChange={(event) => setCode(event.target.value)} autoComplete="one-time-code" maxLength={24} aria-label="Confirmation code" />
        </label>
      </fieldset>
      {message ? <FormAlert tone={message.tone}>{message.text}</FormAlert> : null}
      {codes ? <RecoveryCodesList codes={codes} /> : null}
      <div className="flex flex-wrap items-end gap-2">
        <Button variant="outline" disabled={pending} onClick={() => run(() => regenerateRecoveryCodesAction(stepUp()), (data) => (setCodes(data.recoveryCodes), { tone: "success", text: "New recovery codes made; the old ones no longer work." }))}>
          Make new recovery codes
        </Button>
        <label className="text-sm text-slate-700">
          Passkey name
          <Input value={passkeyName} onChange={(event) => setPasskeyName(event.target.value)} maxLength={60} placeholder="Work laptop" />
        </label>
        <Button variant="outline" disabled={pending || !passkeyName.trim()} onClick={() => run(addPasskey, () => ({ tone: "success", text: "Passkey added." }))}>
          Add a passkey
        </Button>
      </div>
      {passkeys.length > 0 ? (
        <ul className="divide-y divide-slate-100 text-sm">
          {passkeys.map((passkey) => (
            <li key={passkey.id} className="flex items-center justify-between py-2">
              <span>
                {passkey.name} <span className="text-slate-500">(added {passkey.createdAt.slice(0, 10)})</span>
              </span>
              <Button size="sm" variant="ghost" disabled={pending} aria-label={`Remove passkey ${passkey.name}`} onClick={() => run(() => removePasskeyAction({ ...stepUp(), passkeyId: passkey.id }), () => ({ tone: "success", text: "Passkey removed." }))}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
