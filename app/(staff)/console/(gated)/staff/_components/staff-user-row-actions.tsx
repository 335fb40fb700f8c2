"use client";
// Per-row controls: change role, disable / enable. The server refuses self-demotion and
// self-disabling too; the controls are only hidden for the signed-in admin's own row.
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import type { ActionResult } from "@/lib/actions/action-result";
import { STAFF_ROLE_LABELS, STAFF_ROLES } from "@/lib/staff/staff-user-schemas";
import { changeStaffUserRoleAction } from "../_actions/change-staff-user-role-action";
import { setStaffUserDisabledAction } from "../_actions/set-staff-user-disabled-action";
import { RowActionStatus, type RowActionMessage } from "./row-action-status";

type Role = (typeof STAFF_ROLES)[number];

interface StaffUserRowActionsProps {
  user: { id: number; email: string; role: Role; disabled: boolean };
}

export function StaffUserRowActions({ user }: StaffUserRowActionsProps) {
  const [role, setRole] = useState<Role>(user.role);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<RowActionMessage | null>(null);

  function run(action: () => Promise<ActionResult<unknown>>, success: string) {
    startTransition(async () => {
      const result = await action().catch(() => ({ ok: false as const, code: "error" as const, error: "The server could not be reached." }));
      setMessage(result.ok ? { tone: "success", text: success } : { tone: "error", text: result.error });
      if (!result.ok) setRole(user.role);
    });
  }

  const roleId = `role-${user.id}`;
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={roleId} className="sr-only">
          Role of {user.email}
        </label>
        <NativeSelect id={roleId} value={role} onChange={(event) => setRole(event.target.value as Role)} className="h-8 w-36" disabled={pending}>
          {STAFF_ROLES.map((option) => (
            <option key={option} value={option}>
              {STAFF_ROLE_LABELS[option]}
            </option>
          ))}
        </NativeSelect>
        <Button
          size="sm"
          variant="outline"
          disabled={pending || role === user.role}
          onClick={() => run(() => changeStaffUserRoleAction({ staffUserId: user.id, role }), `Role changed to ${STAFF_ROLE_LABELS[role]}.`)}
        >
          Save role
        </Button>
        <Button
          size="sm"
          variant={user.disabled ? "outline" : "danger"}
          disabled={pending}
          aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.email}`}
          onClick={() =>
            run(
              () => setStaffUserDisabledAction({ staffUserId: user.id, disabled: !user.disabled }),
              user.disabled ? "Account enabled." : "Account disabled and signed out everywhere.",
            )
          }
        >
          {user.disabled ? "Enable" : "Disable"}
        </Button>
      </div>
      <RowActionStatus message={message} />
    </div>
  );
}
