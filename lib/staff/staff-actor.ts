// The signed-in staff member performing a console change, as domain functions need it.
import type { StaffRole } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/audit/record-audit-event";
import { assertPermission, type Permission } from "@/lib/auth/permissions";

export interface StaffActor {
  staffUserId: number;
  email: string;
  role: StaffRole;
  ip: string;
}

export function auditActorOf(actor: StaffActor): Actor {
  return { type: "STAFF", id: actor.staffUserId, label: actor.email, ip: actor.ip };
}

/** Domain functions check again, so no caller (script, future route) can skip authorization. */
export function assertStaffPermission(actor: StaffActor, permission: Permission): void {
  assertPermission(actor.role, permission);
}

/** The actor of a console server action (see staffAction in lib/actions/safe-action.ts). */
export function staffActorOf(ctx: { staff: { staffUserId: number; email: string; role: StaffRole }; ip: string }): StaffActor {
  return { staffUserId: ctx.staff.staffUserId, email: ctx.staff.email, role: ctx.staff.role, ip: ctx.ip };
}
