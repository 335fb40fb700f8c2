// Changes a staff member's role, audited with before/after; an admin cannot demote
// themselves, and the last active admin cannot be demoted.
import { prisma } from "@/lib/db";
import { ActionFailure } from "@/lib/actions/action-result";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertStaffPermission, auditActorOf, type StaffActor } from "@/lib/staff/staff-actor";
import { assertAnotherActiveAdmin, lockStaffUserOrThrow } from "@/lib/staff/lock-staff-user-or-throw";
import type { ChangeStaffUserRoleInput } from "@/lib/staff/staff-user-schemas";

export async function changeStaffUserRole(actor: StaffActor, input: ChangeStaffUserRoleInput): Promise<{ changed: boolean }> {
  assertStaffPermission(actor, "staff:manage");
  if (input.staffUserId === actor.staffUserId && input.role !== "SITE_ADMIN") {
    throw new ActionFailure("conflict", "You cannot remove your own site admin role.");
  }
  return prisma.$transaction(async (tx) => {
    if (input.role !== "SITE_ADMIN") await assertAnotherActiveAdmin(tx, input.staffUserId);
    const user = await lockStaffUserOrThrow(tx, input.staffUserId);
    if (user.role === input.role) return { changed: false };
    await tx.staffUser.update({ where: { id: user.id }, data: { role: input.role } });
    await recordAuditEvent(tx, {
      actor: auditActorOf(actor),
      action: "staff.role-change",
      details: { staffUserId: user.id, email: user.email, before: user.role, after: input.role },
    });
    return { changed: true };
  });
}
