// The signed-in person changing their own security info: who (for audit and permission) and
// which session (whose re-authentication counts).
import type { StaffActor } from "@/lib/staff/staff-actor";

export interface SecurityInfoActor extends StaffActor {
  sessionId: string;
}

export function securityInfoActorOf(ctx: { staff: { staffUserId: number; email: string; role: StaffActor["role"]; sessionId: string }; ip: string }): SecurityInfoActor {
  return { staffUserId: ctx.staff.staffUserId, email: ctx.staff.email, role: ctx.staff.role, ip: ctx.ip, sessionId: ctx.staff.sessionId };
}
