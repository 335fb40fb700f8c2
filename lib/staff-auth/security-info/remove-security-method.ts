// A person removes one of their own methods (a phone they gave up, questions they would
// rather not keep). Refused when fewer than the required methods would remain: replace it
// first. Needs a recent passphrase; announced through the remaining channels.
import { prisma } from "@/lib/db";
import { ActionFailure } from "@/lib/actions/action-result";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { auditActorOf } from "@/lib/staff/staff-actor";
import { lockStaffUserOrThrow } from "@/lib/staff/lock-staff-user-or-throw";
import { assertRecentReauthentication } from "@/lib/staff-auth/reauthentication";
import { countSecurityMethods, loadStaffSecurityInfo, SECURITY_METHODS_REQUIRED } from "@/lib/staff-auth/security-info/load-staff-security-info";
import { notifySecurityInfoChange } from "@/lib/staff-auth/security-info/notify-security-info-change";
import type { SecurityInfoActor } from "@/lib/staff-auth/security-info/security-info-actor";
import type { SecurityMethod } from "@/lib/staff-auth/security-info/security-info-schemas";
import type { Tx } from "@/lib/db";

const LABELS: Record<SecurityMethod, string> = { phone: "mobile phone", altEmail: "alternate e-mail", questions: "security questions" };

/** Deletes one method's data (shared with the admin's "remove a method"); no checks, no notice. */
export async function deleteSecurityMethod(tx: Tx, staffUserId: number, method: SecurityMethod): Promise<void> {
  if (method === "questions") await tx.staffSecurityAnswer.deleteMany({ where: { staffUserId } });
  const data =
    method === "phone" ? { phoneE164: null, phoneConfirmedAt: null } : method === "altEmail" ? { altEmail: null, altEmailConfirmedAt: null } : { questionsSetAt: null };
  await tx.staffSecurityInfo.updateMany({ where: { staffUserId }, data });
}

export async function removeOwnSecurityMethod(actor: SecurityInfoActor, method: SecurityMethod): Promise<void> {
  await assertRecentReauthentication(actor.sessionId);
  await prisma.$transaction(async (tx) => {
    await lockStaffUserOrThrow(tx, actor.staffUserId);
    const view = await loadStaffSecurityInfo(tx, actor.staffUserId);
    const registered = { phone: view.phone, altEmail: view.altEmail, questions: view.questions }[method];
    if (!registered) throw new ActionFailure("invalid", `No ${LABELS[method]} is registered.`);
    if (countSecurityMethods(view) - 1 < SECURITY_METHODS_REQUIRED) {
      throw new ActionFailure("conflict", `Keep at least ${SECURITY_METHODS_REQUIRED} methods: add another one before removing your ${LABELS[method]}.`);
    }
    // Announced before the removal, so the removed channel (still registered) is skipped as the changed one.
    await notifySecurityInfoChange(tx, actor.staffUserId, { method, what: `Your ${LABELS[method]} was removed from your staff console security info.` });
    await deleteSecurityMethod(tx, actor.staffUserId, method);
    await recordAuditEvent(tx, { actor: auditActorOf(actor), action: "staff.security-info.method-removed", details: { method } });
  });
}
