"use client";
// Row action "Send setup link" (a staff reset): asks for confirmation, since the person's
// current passphrase stops working at once and their sessions end.
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { sendStaffSetupLinkAction } from "../_actions/send-staff-setup-link-action";
import { RowActionStatus, type RowActionMessage } from "./row-action-status";

export function SendSetupLinkButton({ user }: { user: { id: number; email: string } }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<RowActionMessage | null>(null);

  function onClick() {
    const question = `Send ${user.email} a link to choose a new passphrase? Their current passphrase stops working now and they are signed out everywhere.`;
    if (!window.confirm(question)) return;
    startTransition(async () => {
      const result = await sendStaffSetupLinkAction({ staffUserId: user.id }).catch(() => ({
        ok: false as const,
        code: "error" as const,
        error: "The server could not be reached. Nothing was changed; please try again.",
      }));
      setMessage(
        result.ok
          ? { tone: "success", text: `Setup link sent to ${result.data.email}. It works once, for 24 hours.` }
          : { tone: "error", text: result.error },
      );
    });
  }

  return (
    <div className="space-y-1">
      <Button size="sm" variant="outline" disabled={pending} aria-label={`Send setup link to ${user.email}`} onClick={onClick}>
        {pending ? "Sending…" : "Send setup link"}
      </Button>
      <RowActionStatus message={message} />
    </div>
  );
}
