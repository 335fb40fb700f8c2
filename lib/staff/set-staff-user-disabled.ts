// Disables (ending every session at once) or re-enables a staff account, audited.
import { prisma } from "@/lib/db";
import { ActionFailure } from "@/lib/actions/action-result";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { endStaffSessions } from "@/lib/auth/auth-session-store";
import { assertStaffPermission, auditActorOf, type StaffActor } from "@/lib/staff/staff-actor";
import { assertAnotherActiveAdmin, lockStaffUserOrThrow } from "@/lib/staff/lock-staff-user-or-throw";
import type { SetStaffUserDisabledInput } from "@/lib/staff/staff-user-schemas";

export async function setStaffUserDisabled(
  actor: StaffActor,
  input: SetStaffUserDisabledInput,
): Promise<{ changed: boolean; sessionsEnded: number }> {
  assertStaffPermission(actor, "staff:manage");
  if (input.disabled && input.staffUserId === actor.staffUserId) {
    throw new ActionFailure("conflict", "You cannot disable your own account.");
  }
  return prisma.$transaction(async (tx) => {
    if (input.disabled) await assertAnotherActiveAdmin(tx, input.staffUserId);
    const user = await lockStaffUserOrThrow(tx, input.staffUserId);
    if (user.disabled === input.disabled) return { changed: false, sessionsEnded: 0 };
    await tx.staffUser.update({
      where: { id: user.id },
      // Re-enabling also clears a lockout so the person can sign in again.
      data: input.disabled ? { disabled: true } : { disabled: false, failedAttempts: 0, lockedUntil: null },
    });
    const sessionsEnded = input.disabled ? await endStaffSessions(tx, user.id) : 0;
    await recordAuditEvent(tx, {
      actor: auditActorOf(actor),
      action: input.disabled ? "staff.disable" : "staff.enable",
      details: { staffUserId: user.id, email: user.email, ...(input.disabled ? { sessionsEnded } : {}) },
    });
    return { changed: true, sessionsEnded };
  });
}
