"use client";
// Row action "Two-step enrolment code": for a person who cannot read their district mailbox.
// Shown once; the admin passes it on only after checking who they are talking to.
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { issueEnrolmentCodeAction } from "../_actions/issue-enrolment-code-action";
import { RowActionStatus, type RowActionMessage } from "./row-action-status";

export function EnrolmentCodeButton({ user }: { user: { id: number; email: string } }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<RowActionMessage | null>(null);

  function onClick() {
    const question = `Make a one-time code for ${user.email} to set up two-step sign-in? Give it only to the person, after checking who they are (call them back on a number you already have).`;
    if (!window.confirm(question)) return;
    startTransition(async () => {
      const result = await issueEnrolmentCodeAction({ staffUserId: user.id }).catch(() => ({
        ok: false as const,
        code: "error" as const,
        error: "The server could not be reached. Nothing was changed; please try again.",
      }));
      setMessage(
        result.ok
          ? { tone: "success", text: `Enrolment code for ${user.email}: ${result.data.code} (works once, for ${result.data.validMinutes} minutes).` }
          : { tone: "error", text: result.error },
      );
    });
  }

  return (
    <div className="space-y-1">
      <Button size="sm" variant="outline" disabled={pending} aria-label={`Make a two-step enrolment code for ${user.email}`} onClick={onClick}>
        {pending ? "Making…" : "Two-step enrolment code"}
      </Button>
      <RowActionStatus message={message} />
    </div>
  );
}
