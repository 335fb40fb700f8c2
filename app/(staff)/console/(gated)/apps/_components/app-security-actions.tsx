"use client";
// Rotate a confidential app's secret (shown once) and disable or enable the app.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { rotateClientSecretAction } from "../_actions/rotate-client-secret-action";
import { setConnectedAppDisabledAction } from "../_actions/set-connected-app-disabled-action";
import { SecretOnce } from "./secret-once";

const UNREACHABLE = { ok: false as const, code: "error" as const, error: "The server could not be reached. Nothing was changed; please try again." };

export function AppSecurityActions({ appId, confidential, disabled }: { appId: number; confidential: boolean; disabled: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [secret, setSecret] = useState<{ clientId: string; clientSecret: string } | null>(null);

  function onRotate() {
    if (!window.confirm("Make a new client secret? The current one stops working at once; the app must be given the new one.")) return;
    startTransition(async () => {
      const result = await rotateClientSecretAction({ id: appId }).catch(() => UNREACHABLE);
      if (result.ok) setSecret(result.data);
      setMessage(result.ok ? { tone: "success", text: "New secret made." } : { tone: "error", text: result.error });
    });
  }
  function onToggle() {
    const confirmation = disabled ? "Enable this app? Parents can sign in to it again." : "Disable this app? Nobody can sign in to it, and its tokens stop working.";
    if (!window.confirm(confirmation)) return;
    startTransition(async () => {
      const result = await setConnectedAppDisabledAction({ id: appId, disabled: !disabled }).catch(() => UNREACHABLE);
      setMessage(result.ok ? { tone: "success", text: result.data.disabled ? "App disabled." : "App enabled." } : { tone: "error", text: result.error });
      if (result.ok) router.refresh();
    });
  }
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        {confidential ? (
          <Button variant="outline" disabled={pending} onClick={onRotate}>
            Rotate client secret
          </Button>
        ) : null}
        <Button variant={disabled ? "outline" : "danger"} disabled={pending} onClick={onToggle}>
          {disabled ? "Enable app" : "Disable app"}
        </Button>
      </div>
      {message ? <FormAlert tone={message.tone}>{message.text}</FormAlert> : null}
      {secret ? <SecretOnce clientId={secret.clientId} clientSecret={secret.clientSecret} /> : null}
    </div>
  );
}
