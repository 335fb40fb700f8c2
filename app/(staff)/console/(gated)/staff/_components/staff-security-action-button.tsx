"use client";
// One of the per-person recovery actions on a staff member's page (require re-registration,
// remove a method, clear a self-service block): confirm, run, announce the outcome.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/action-result";
import { clearSelfServiceBlockAction } from "../_actions/clear-self-service-block-action";
import { removeStaffMethodAction } from "../_actions/remove-staff-method-action";
import { requireReregistrationAction } from "../_actions/require-reregistration-action";
import { resetSecondFactorAction } from "../_actions/reset-second-factor-action";
import { RowActionStatus, type RowActionMessage } from "./row-action-status";

export type StaffSecurityAction =
  | { kind: "require-reregistration" }
  | { kind: "clear-block" }
  | { kind: "reset-second-factor" }
  | { kind: "remove-method"; method: "phone" | "altEmail" | "questions" };

const UNREACHABLE = { ok: false as const, code: "error" as const, error: "The server could not be reached. Nothing was changed; please try again." };

function run(action: StaffSecurityAction, staffUserId: number): Promise<ActionResult<unknown>> {
  switch (action.kind) {
    case "require-reregistration":
      return requireReregistrationAction({ staffUserId });
    case "clear-block":
      return clearSelfServiceBlockAction({ staffUserId });
    case "reset-second-factor":
      return resetSecondFactorAction({ staffUserId });
    case "remove-method":
      return removeStaffMethodAction({ staffUserId, method: action.method });
  }
}

export function StaffSecurityActionButton({ staffUserId, action, label, confirmation, done }: { staffUserId: number; action: StaffSecurityAction; label: string; confirmation: string; done: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<RowActionMessage | null>(null);
  function onClick() {
    if (!window.confirm(confirmation)) return;
    startTransition(async () => {
      const result = await run(action, staffUserId).catch(() => UNREACHABLE);
      setMessage(result.ok ? { tone: "success", text: done } : { tone: "error", text: result.error });
      if (result.ok) router.refresh();
    });
  }
  return (
    <div className="space-y-1">
      <Button size="sm" variant="outline" disabled={pending} aria-busy={pending} onClick={onClick}>
        {pending ? "Working…" : label}
      </Button>
      <RowActionStatus message={message} />
    </div>
  );
}
