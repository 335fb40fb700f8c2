// A staff reset (ASVS 6.4.6): a site admin sends a staff member a one-time link where they
// choose a new passphrase themselves. The admin never sets or sees it, and neither the answer
// nor the audit event holds the link. The current passphrase stops working at once and every
// session ends: a reset is asked for when the passphrase is forgotten or may be known to
// someone else, and in the second case it must not keep working until the owner acts.
import { prisma } from "@/lib/db";
import { ActionFailure } from "@/lib/actions/action-result";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { endStaffSessions } from "@/lib/auth/auth-session-store";
import { lockStaffUserOrThrow } from "@/lib/staff/lock-staff-user-or-throw";
import { assertStaffPermission, auditActorOf, type StaffActor } from "@/lib/staff/staff-actor";
import type { SendStaffSetupLinkInput } from "@/lib/staff-auth/staff-setup-schemas";
import { mailStaffSetupLink } from "@/lib/staff-auth/mail-staff-setup-link";

export async function sendStaffSetupLink(actor: StaffActor, input: SendStaffSetupLinkInput): Promise<{ email: string; sessionsEnded: number }> {
  assertStaffPermission(actor, "staff:manage");
  if (input.staffUserId === actor.staffUserId) {
    throw new ActionFailure("conflict", "You cannot reset your own passphrase here: another site admin must send you a link.");
  }
  return prisma.$transaction(async (tx) => {
    const user = await lockStaffUserOrThrow(tx, input.staffUserId);
    if (user.disabled) throw new ActionFailure("conflict", "This account is disabled. Enable it before sending a setup link.");
    await tx.staffUser.update({ where: { id: user.id }, data: { passwordHash: null } });
    const sessionsEnded = await endStaffSessions(tx, user.id);
    const link = await mailStaffSetupLink(tx, user, "RESET");
    await recordAuditEvent(tx, {
      actor: auditActorOf(actor),
      action: "staff.setup-link.send",
      details: { staffUserId: user.id, email: user.email, reason: "RESET", sessionsEnded, expiresAt: link.expiresAt.toISOString() },
    });
    return { email: user.email, sessionsEnded };
  });
}
