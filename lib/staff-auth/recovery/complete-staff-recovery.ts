// "Get back into your account", last step: a new passphrase (the district's rules), then every
// session of the person ends, their outstanding codes and flows die, the self-service counters
// reset, nobody is signed in, and the person is told on their district and alternate
// addresses; when a site admin reset their own passphrase, the other site admins are told too
// (Entra's "notify all admins"). Second factors are left alone: the next sign-in still asks
// for one (no MFA bypass).
import { prisma } from "@/lib/db";
import { ActionFailure } from "@/lib/actions/action-result";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { endStaffSessions } from "@/lib/auth/auth-session-store";
import { enqueueEmail } from "@/lib/mail/enqueue-email";
import { staffSecurityNoticeEmail } from "@/lib/mail/templates/staff-security-notice";
import { staffAdminResetNoticeEmail } from "@/lib/mail/templates/staff-admin-reset-notice";
import { hashSecret } from "@/lib/security/password-hash";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { lockStaffUserOrThrow } from "@/lib/staff/lock-staff-user-or-throw";
import { checkStaffPassphrase } from "@/lib/staff-auth/staff-passphrase-policy";
import { voidStaffVerificationCodes } from "@/lib/staff-auth/verification-code";
import { loadStaffSecurityInfo } from "@/lib/staff-auth/security-info/load-staff-security-info";
import { lockRecoveryFlow, loadRecoveryFlow } from "@/lib/staff-auth/recovery/recovery-flow";
import { isRecoveryComplete } from "@/lib/staff-auth/recovery/recovery-gates";
import { loadRecoveryProfile } from "@/lib/staff-auth/recovery/load-recovery-profile";
import { clearSelfServiceCounters } from "@/lib/staff-auth/recovery/self-service-block";
import { endPendingSignInSteps } from "@/lib/staff-auth/mfa/end-pending-sign-in-steps";

export type CompleteRecoveryOutcome = { status: "done"; sessionsEnded: number } | { status: "expired" };

export async function completeStaffRecovery(request: { token: string; newPassphrase: string; ip: string }): Promise<CompleteRecoveryOutcome> {
  const flow = await loadRecoveryFlow(request.token);
  if (!flow || flow.staffUserId === null) return { status: "expired" };
  const staffUserId = flow.staffUserId;
  const user = await prisma.staffUser.findUniqueOrThrow({ where: { id: staffUserId }, select: { id: true, role: true, email: true } });
  const profile = await loadRecoveryProfile(prisma, user);
  if (!isRecoveryComplete(profile, flow.gatesPassed)) return { status: "expired" };
  const settings = await getDistrictSettings();
  const problems = checkStaffPassphrase(request.newPassphrase, { minLength: settings.staffPassphraseMinLength, email: user.email, districtName: settings.districtName });
  if (problems.length > 0) throw new ActionFailure("invalid", "Some fields need attention.", { newPassphrase: problems });
  const passwordHash = await hashSecret(request.newPassphrase);
  const info = await loadStaffSecurityInfo(prisma, staffUserId);

  const outcome = await prisma.$transaction(async (tx) => {
    const locked = await lockRecoveryFlow(tx, flow.id);
    if (!locked || !isRecoveryComplete(profile, locked.gatesPassed)) return null;
    const person = await lockStaffUserOrThrow(tx, staffUserId);
    if (person.disabled) return null;
    const now = new Date();
    await tx.staffUser.update({
      where: { id: staffUserId },
      // Guesses at the old passphrase are moot now: its failure counts and any lock go with it.
      data: { passwordHash, passphraseChangedAt: now, failedAttempts: 0, failureWindowStartedAt: null, lockedUntil: null, selfServiceBlockedUntil: null, selfServiceBlockReason: null,
        // Getting back in also lifts a paused or stopped second step: the owner proved two methods.
        mfaFailedAttempts: 0, mfaCoolOffUntil: null },
    });
    const sessionsEnded = await endStaffSessions(tx, staffUserId);
    await voidStaffVerificationCodes(tx, staffUserId, now);
    await endPendingSignInSteps(tx, staffUserId);
    await tx.staffRecoveryFlow.updateMany({ where: { staffUserId, completedAt: null }, data: { completedAt: now } });
    await recordAuditEvent(tx, {
      actor: { type: "STAFF", id: staffUserId, label: person.email, ip: request.ip },
      action: "staff.self-service.reset",
      details: { methods: locked.gatesPassed, sessionsEnded },
    });
    const what = "Your staff console passphrase was reset through \"Get back into your account\", and every session of yours was signed out.";
    for (const to of [person.email, info.altEmail?.address].filter((address): address is string => Boolean(address))) {
      await enqueueEmail(tx, { to, locale: "en", template: staffSecurityNoticeEmail, params: { name: person.name, what } });
    }
    if (person.role === "SITE_ADMIN") {
      const admins = await tx.staffUser.findMany({ where: { role: "SITE_ADMIN", disabled: false, id: { not: staffUserId } }, select: { email: true, name: true } });
      for (const admin of admins) {
        await enqueueEmail(tx, { to: admin.email, locale: "en", template: staffAdminResetNoticeEmail, params: { name: admin.name, adminName: person.name, adminEmail: person.email } });
      }
    }
    return { sessionsEnded };
  });
  if (!outcome) return { status: "expired" };
  await clearSelfServiceCounters(staffUserId);
  return { status: "done", sessionsEnded: outcome.sessionsEnded };
}
