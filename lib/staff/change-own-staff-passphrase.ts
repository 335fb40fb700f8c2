// A signed-in staff member changes their own passphrase: the current one and a verification
// code (authenticator, phone or alternate e-mail) prove it is them (so a borrowed, unlocked
// screen is not enough), the new one follows the district's rules, every other session of
// theirs ends and a notice goes to their district and alternate addresses. Atomic: the row is
// locked and the stored hash must still be the one the current passphrase was checked against.
import { prisma } from "@/lib/db";
import { ActionFailure } from "@/lib/actions/action-result";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { endStaffSessions } from "@/lib/auth/auth-session-store";
import { hashSecret, verifySecret } from "@/lib/security/password-hash";
import { hitRateLimit } from "@/lib/security/rate-limit";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { assertStaffPermission, auditActorOf, type StaffActor } from "@/lib/staff/staff-actor";
import { checkStaffPassphrase } from "@/lib/staff-auth/staff-passphrase-policy";
import { lockStaffUserOrThrow } from "@/lib/staff/lock-staff-user-or-throw";
import type { ChangeOwnPassphraseInput } from "@/lib/staff/staff-user-schemas";
import { deviceToken } from "@/lib/auth/device-cookie";
import { enqueueEmail } from "@/lib/mail/enqueue-email";
import { staffSecurityNoticeEmail } from "@/lib/mail/templates/staff-security-notice";
import { verifyPassphraseChangeCode } from "@/lib/staff/passphrase-change-code";
import { loadStaffSecurityInfo } from "@/lib/staff-auth/security-info/load-staff-security-info";
import { endPendingSignInSteps } from "@/lib/staff-auth/mfa/end-pending-sign-in-steps";

const INVALID = "Some fields need attention.";

export async function changeOwnStaffPassphrase(
  actor: StaffActor,
  currentSessionId: string,
  input: ChangeOwnPassphraseInput,
): Promise<{ sessionsEnded: number; deviceToken: string }> {
  assertStaffPermission(actor, "account:change-own-passphrase");
  // The current-passphrase check is a guessing oracle for whoever holds the session.
  const limit = await hitRateLimit({ key: `staff-change-passphrase:${actor.staffUserId}`, limit: 5, windowSeconds: 15 * 60 });
  if (!limit.allowed) {
    throw new ActionFailure("rate_limited", `Too many attempts. Try again in ${Math.ceil(limit.retryAfterSeconds / 60)} minutes.`);
  }
  const settings = await getDistrictSettings();
  const problems = checkStaffPassphrase(input.newPassphrase, { minLength: settings.staffPassphraseMinLength, email: actor.email, districtName: settings.districtName });
  if (problems.length > 0) throw new ActionFailure("invalid", INVALID, { newPassphrase: problems });

  const user = await prisma.staffUser.findUnique({ where: { id: actor.staffUserId }, select: { passwordHash: true } });
  if (!user) throw new ActionFailure("unauthorized", "Your session has ended. Please sign in again.");
  if (!(await verifySecret(user.passwordHash, input.currentPassphrase))) {
    await recordAuditEvent(prisma, { actor: auditActorOf(actor), action: "staff.passphrase.change-failed", details: { reason: "current" } });
    throw new ActionFailure("invalid", INVALID, { currentPassphrase: ["That is not your current passphrase."] });
  }
  if (await verifySecret(user.passwordHash, input.newPassphrase)) {
    throw new ActionFailure("invalid", INVALID, { newPassphrase: ["Choose a passphrase different from your current one."] });
  }
  // Last, so that a typo elsewhere does not use the code up.
  if (!(await verifyPassphraseChangeCode(actor, input.verificationMethod, input.verificationCode))) {
    await recordAuditEvent(prisma, { actor: auditActorOf(actor), action: "staff.passphrase.change-failed", details: { reason: "code", method: input.verificationMethod } });
    throw new ActionFailure("invalid", INVALID, { verificationCode: ["That code is wrong or has expired. Ask for a new one."] });
  }
  const passwordHash = await hashSecret(input.newPassphrase);
  const info = await loadStaffSecurityInfo(prisma, actor.staffUserId);
  return prisma.$transaction(async (tx) => {
    const locked = await lockStaffUserOrThrow(tx, actor.staffUserId);
    if (locked.passwordHash !== user.passwordHash) {
      throw new ActionFailure("conflict", "Your passphrase was changed in the meantime. Sign in again and retry.");
    }
    await tx.staffUser.update({
      where: { id: locked.id },
      // Guesses at the old passphrase are moot now: its failure counts go with it.
      data: { passwordHash, passphraseChangedAt: new Date(), failedAttempts: 0, failureWindowStartedAt: null, lockedUntil: null },
    });
    const sessionsEnded = await endStaffSessions(tx, locked.id, currentSessionId);
    await endPendingSignInSteps(tx, locked.id, { keepSessionId: currentSessionId });
    await recordAuditEvent(tx, { actor: auditActorOf(actor), action: "staff.passphrase.change", details: { sessionsEnded, method: input.verificationMethod } });
    // Told on the district address and the alternate one (ASVS 6.3.7): whoever changed it, the owner hears of it.
    const what = "Your staff console passphrase was changed, and your other sessions were signed out.";
    for (const to of [locked.email, info.altEmail?.address].filter((address): address is string => Boolean(address))) {
      await enqueueEmail(tx, { to, locale: "en", template: staffSecurityNoticeEmail, params: { name: locked.name, what } });
    }
    // Device cookies end with the passphrase they were minted under: this browser gets a new one.
    return { sessionsEnded, deviceToken: deviceToken("staff", locked.id, passwordHash) };
  });
}
