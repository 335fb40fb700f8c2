"use client";
// The "Sign-in" cell of a staff row: failures in the current 24-hour window, whether untrusted
// browsers are locked out, and a button to clear both (the server re-checks the permission).
import { useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { clearStaffSignInLockAction } from "../_actions/clear-staff-sign-in-lock-action";
import { RowActionStatus, type RowActionMessage } from "./row-action-status";

interface StaffSignInLockCellProps {
  user: { id: number; email: string; signInLock: { failedAttempts: number; lockedUntil: Date | null } };
}

const formatUtc = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export function StaffSignInLockCell({ user }: StaffSignInLockCellProps) {
  const { failedAttempts, lockedUntil } = user.signInLock;
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<RowActionMessage | null>(null);

  function onClear() {
    startTransition(async () => {
      const result = await clearStaffSignInLockAction({ staffUserId: user.id }).catch(() => ({
        ok: false as const,
        error: "The server could not be reached.",
      }));
      setMessage(result.ok ? { tone: "success", text: "Sign-in lock cleared." } : { tone: "error", text: result.error });
    });
  }

  return (
    <div className="space-y-1" data-testid="sign-in-lock">
      {lockedUntil ? (
        <Badge tone="danger">Locked until {formatUtc(lockedUntil)}</Badge>
      ) : failedAttempts > 0 ? (
        <span className="text-xs text-slate-700">{failedAttempts} failed in 24 h</span>
      ) : (
        <span className="text-xs text-slate-500">No failures</span>
      )}
      {(lockedUntil || failedAttempts > 0) && (
        <div>
          <Button size="sm" variant="outline" disabled={pending} aria-label={`Clear sign-in lock of ${user.email}`} onClick={onClear}>
            Clear
          </Button>
        </div>
      )}
      <RowActionStatus message={message} />
    </div>
  );
}
