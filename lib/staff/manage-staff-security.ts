// A site admin's actions on another staff member's recovery set-up (issue 9, item 7): require
// them to register their security info again, remove a method (a lost phone, an address they
// no longer read), clear a self-service block, reset two-step sign-in (a lost authenticator
// and lost recovery codes, after checking who the person is). The admin never sees or sets a secret; each
// action is audited in its transaction and the person is told through their channels.
import { prisma } from "@/lib/db";
import { ActionFailure } from "@/lib/actions/action-result";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertStaffPermission, auditActorOf, type StaffActor } from "@/lib/staff/staff-actor";
import { lockStaffUserOrThrow } from "@/lib/staff/lock-staff-user-or-throw";
import { notifySecurityInfoChange } from "@/lib/staff-auth/security-info/notify-security-info-change";
import { deleteSecurityMethod } from "@/lib/staff-auth/security-info/remove-security-method";
import { requireSecurityInfoReregistration } from "@/lib/staff-auth/security-info/security-info-pending";
import type { SecurityMethod } from "@/lib/staff-auth/security-info/security-info-schemas";
import { loadStaffSecurityInfo } from "@/lib/staff-auth/security-info/load-staff-security-info";
import { clearSelfServiceBlock, clearSelfServiceCounters } from "@/lib/staff-auth/recovery/self-service-block";
import { endStaffSessions } from "@/lib/auth/auth-session-store";
import { endPendingSignInSteps } from "@/lib/staff-auth/mfa/end-pending-sign-in-steps";
import { clearSecondFactorPause } from "@/lib/staff-auth/mfa/second-factor-cool-off";

const LABELS: Record<SecurityMethod, string> = { phone: "mobile phone", altEmail: "alternate e-mail", questions: "security questions" };

function assertNotSelf(actor: StaffActor, staffUserId: number): void {
  // Like every other Staff page action: an admin cannot weaken their own recovery from here.
  if (actor.staffUserId === staffUserId) throw new ActionFailure("forbidden", "Another site admin must change your own account.");
}

export async function requireReregistrationByAdmin(actor: StaffActor, staffUserId: number): Promise<void> {
  assertStaffPermission(actor, "staff:manage");
  assertNotSelf(actor, staffUserId);
  await prisma.$transaction(async (tx) => {
    const user = await lockStaffUserOrThrow(tx, staffUserId);
    await requireSecurityInfoReregistration(tx, staffUserId);
    await recordAuditEvent(tx, { actor: auditActorOf(actor), action: "staff.security-info.reregistration-required", details: { staffUserId, email: user.email } });
    await notifySecurityInfoChange(tx, staffUserId, {
      method: "all",
      what: "A site admin asked you to register your security info again: you will be asked to at your next sign-in.",
    });
  });
}

export async function removeStaffMethodByAdmin(actor: StaffActor, staffUserId: number, method: SecurityMethod): Promise<void> {
  assertStaffPermission(actor, "staff:manage");
  assertNotSelf(actor, staffUserId);
  await prisma.$transaction(async (tx) => {
    const user = await lockStaffUserOrThrow(tx, staffUserId);
    const view = await loadStaffSecurityInfo(tx, staffUserId);
    if (!{ phone: view.phone, altEmail: view.altEmail, questions: view.questions }[method]) {
      throw new ActionFailure("invalid", `${user.name} has no ${LABELS[method]} registered.`);
    }
    // Told before the removal, so the removed channel is skipped as the one that changed.
    await notifySecurityInfoChange(tx, staffUserId, { method, what: `A site admin removed your ${LABELS[method]} from your staff console security info.` });
    await deleteSecurityMethod(tx, staffUserId, method);
    await recordAuditEvent(tx, { actor: auditActorOf(actor), action: "staff.security-info.method-removed-by-admin", details: { staffUserId, email: user.email, method } });
  });
}

/**
 * Clears both blocks a person can end up in: the 24-hour self-service block and a paused or
 * stopped second sign-in step (100 wrong codes in a row stop it until this or a self-service reset).
 */
export async function clearSelfServiceBlockByAdmin(actor: StaffActor, staffUserId: number): Promise<{ wasBlocked: boolean; secondStepWasPaused: boolean }> {
  assertStaffPermission(actor, "staff:manage");
  assertNotSelf(actor, staffUserId);
  const result = await prisma.$transaction(async (tx) => {
    const user = await lockStaffUserOrThrow(tx, staffUserId);
    const wasBlocked = await clearSelfServiceBlock(tx, staffUserId, auditActorOf(actor));
    const pause = await clearSecondFactorPause(tx, staffUserId);
    if (pause.wasPaused || pause.failures > 0) {
      await recordAuditEvent(tx, { actor: auditActorOf(actor), action: "staff.mfa.stop-cleared", details: { staffUserId, email: user.email, failures: pause.failures, wasPaused: pause.wasPaused } });
    }
    return { wasBlocked, secondStepWasPaused: pause.wasPaused };
  });
  await clearSelfServiceCounters(staffUserId);
  return result;
}

/**
 * Someone who lost both their authenticator and their recovery codes cannot get back in by
 * themselves (recovery never bypasses the second factor). After checking who they are (in
 * person or by calling back), a site admin removes their authenticator, passkeys and recovery
 * codes and ends their sessions. At the next sign-in the console holds them on binding a new
 * authenticator, which again needs a code to their district mailbox or the admin's one-time
 * enrolment code: the passphrase alone never binds one.
 */
export async function resetSecondFactorByAdmin(actor: StaffActor, staffUserId: number): Promise<void> {
  assertStaffPermission(actor, "staff:manage");
  assertNotSelf(actor, staffUserId);
  await prisma.$transaction(async (tx) => {
    const user = await lockStaffUserOrThrow(tx, staffUserId);
    const [totp, passkeys, recoveryCodes] = await Promise.all([
      tx.staffTotp.count({ where: { staffUserId } }),
      tx.staffPasskey.count({ where: { staffUserId } }),
      tx.staffRecoveryCode.count({ where: { staffUserId, usedAt: null } }),
    ]);
    if (totp + passkeys + recoveryCodes === 0) throw new ActionFailure("invalid", `${user.name} has no two-step sign-in set up.`);
    await notifySecurityInfoChange(tx, staffUserId, {
      method: "all",
      what: "A site admin reset your two-step sign-in: your authenticator app, passkeys and recovery codes no longer work. Set up a new authenticator at your next sign-in.",
    });
    await tx.staffTotp.deleteMany({ where: { staffUserId } });
    await tx.staffPasskey.deleteMany({ where: { staffUserId } });
    await tx.staffRecoveryCode.deleteMany({ where: { staffUserId } });
    await endPendingSignInSteps(tx, staffUserId);
    await clearSecondFactorPause(tx, staffUserId);
    const sessionsEnded = await endStaffSessions(tx, staffUserId);
    await recordAuditEvent(tx, {
      actor: auditActorOf(actor),
      action: "staff.mfa.reset-by-admin",
      details: { staffUserId, email: user.email, authenticator: totp > 0, passkeys, recoveryCodes, sessionsEnded },
    });
  });
}
