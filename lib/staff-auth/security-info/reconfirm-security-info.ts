// "My info is still right": the periodic re-confirmation (and the answer to an admin's
// "register again") for someone who already has the required methods.
import { prisma } from "@/lib/db";
import { ActionFailure } from "@/lib/actions/action-result";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { auditActorOf } from "@/lib/staff/staff-actor";
import { lockStaffUserOrThrow } from "@/lib/staff/lock-staff-user-or-throw";
import { assertRecentReauthentication } from "@/lib/staff-auth/reauthentication";
import { markSecurityInfoRegisteredIfComplete } from "@/lib/staff-auth/security-info/mark-security-info-registered";
import type { SecurityInfoActor } from "@/lib/staff-auth/security-info/security-info-actor";
import { SECURITY_METHODS_REQUIRED } from "@/lib/staff-auth/security-info/load-staff-security-info";

export async function reconfirmSecurityInfo(actor: SecurityInfoActor): Promise<void> {
  await assertRecentReauthentication(actor.sessionId);
  await prisma.$transaction(async (tx) => {
    await lockStaffUserOrThrow(tx, actor.staffUserId);
    if (!(await markSecurityInfoRegisteredIfComplete(tx, actor.staffUserId))) {
      throw new ActionFailure("conflict", `Set up at least ${SECURITY_METHODS_REQUIRED} methods first.`);
    }
    await recordAuditEvent(tx, { actor: auditActorOf(actor), action: "staff.security-info.confirmed" });
  });
}
