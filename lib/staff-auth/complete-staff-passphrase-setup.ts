// Uses a setup link: checks the passphrase against the district's policy, then in one
// transaction (link row locked, so a link works exactly once) sets it, clears any lock,
// ends every session of the account and records the audit event.
import { prisma } from "@/lib/db";
import { ActionFailure } from "@/lib/actions/action-result";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { endStaffSessions } from "@/lib/auth/auth-session-store";
import { hashSecret } from "@/lib/security/password-hash";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { lockStaffUserOrThrow } from "@/lib/staff/lock-staff-user-or-throw";
import { findUsableSetupLink, INVALID_SETUP_LINK_MESSAGE } from "@/lib/staff-auth/find-usable-setup-link";
import { checkStaffPassphrase } from "@/lib/staff-auth/staff-passphrase-policy";
import type { SetStaffPassphraseInput } from "@/lib/staff-auth/staff-setup-schemas";
import { endPendingSignInSteps } from "@/lib/staff-auth/mfa/end-pending-sign-in-steps";

function invalidLink(): ActionFailure {
  return new ActionFailure("invalid", INVALID_SETUP_LINK_MESSAGE);
}

export async function completeStaffPassphraseSetup(
  input: SetStaffPassphraseInput,
  meta: { ip: string | null },
  now = new Date(),
): Promise<{ email: string }> {
  const link = await findUsableSetupLink(input.token, now);
  if (!link) throw invalidLink();
  const settings = await getDistrictSettings();
  const problems = checkStaffPassphrase(input.passphrase, { minLength: settings.staffPassphraseMinLength, email: link.email, districtName: settings.districtName });
  if (problems.length > 0) throw new ActionFailure("invalid", "Some fields need attention.", { passphrase: problems });
  if (input.confirmation !== input.passphrase) {
    throw new ActionFailure("invalid", "Some fields need attention.", { confirmation: ["The two passphrases do not match."] });
  }
  const passwordHash = await hashSecret(input.passphrase); // slow: outside the transaction

  return prisma.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ usedAt: Date | null; expiresAt: Date }[]>`
      SELECT "usedAt", "expiresAt" FROM "StaffSetupLink" WHERE id = ${link.id} FOR UPDATE`;
    // Used meanwhile, replaced by a newer link (deleted), or expired while the hash ran.
    if (!locked || locked.usedAt || locked.expiresAt.getTime() <= now.getTime()) throw invalidLink();
    const user = await lockStaffUserOrThrow(tx, link.staffUserId);
    if (user.disabled) throw invalidLink();
    await tx.staffUser.update({ where: { id: user.id }, data: { passwordHash, passphraseChangedAt: new Date(), failedAttempts: 0, lockedUntil: null } });
    await tx.staffSetupLink.update({ where: { id: link.id }, data: { usedAt: now } });
    const sessionsEnded = await endStaffSessions(tx, user.id);
    await endPendingSignInSteps(tx, user.id);
    await recordAuditEvent(tx, {
      actor: { type: "STAFF", id: user.id, label: user.email, ip: meta.ip },
      action: "staff.passphrase.setup",
      details: { staffUserId: user.id, reason: link.reason, sessionsEnded },
    });
    return { email: user.email };
  });
}
