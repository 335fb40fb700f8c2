// What a site admin sees of one staff member's sign-in and recovery set-up (issue 9, item 7):
// which methods are registered, masked; second factors on or off; last sign-in and passphrase
// change; whether they must re-register; the self-service block. Never a value beyond a mask,
// never an answer or a secret.
import { prisma } from "@/lib/db";
import { loadStaffMfaStatus } from "@/lib/staff-auth/mfa/staff-mfa-status";
import { loadStaffSecurityInfo } from "@/lib/staff-auth/security-info/load-staff-security-info";
import { isSelfServiceBlocked } from "@/lib/staff-auth/recovery/self-service-block";
import { MFA_STOP_AFTER_FAILURES } from "@/lib/staff-auth/mfa/second-factor-cool-off";

export interface StaffSecurityOverview {
  id: number;
  name: string;
  email: string;
  role: "SITE_ADMIN" | "HELP_DESK";
  disabled: boolean;
  lastSignInAt: Date | null;
  passphraseChangedAt: Date | null;
  phone: string | null;
  altEmail: string | null;
  questions: number;
  securityInfoConfirmedAt: Date | null;
  reregistrationRequired: boolean;
  mfa: { on: boolean; totp: boolean; passkeys: number; recoveryCodesLeft: number };
  selfServiceBlock: { until: Date; reason: string | null } | null;
  /** The second sign-in step paused (wrong codes) or stopped (100 in a row) for this person. */
  secondStepPause: { stopped: boolean; until: Date | null } | null;
}

export async function loadStaffSecurityOverview(staffUserId: number, now = new Date()): Promise<StaffSecurityOverview | null> {
  const user = await prisma.staffUser.findUnique({ where: { id: staffUserId } });
  if (!user) return null;
  const [info, mfa, row] = await Promise.all([
    loadStaffSecurityInfo(prisma, staffUserId),
    loadStaffMfaStatus(prisma, staffUserId),
    prisma.staffSecurityInfo.findUnique({ where: { staffUserId }, select: { reregistrationRequiredAt: true, confirmedAt: true } }),
  ]);
  const reregistrationRequired =
    row?.reregistrationRequiredAt != null && (row.confirmedAt === null || row.confirmedAt < row.reregistrationRequiredAt);
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    disabled: user.disabled,
    lastSignInAt: user.lastSignInAt,
    passphraseChangedAt: user.passphraseChangedAt,
    phone: info.phone?.masked ?? null,
    altEmail: info.altEmail?.masked ?? null,
    questions: info.questions?.questionKeys.length ?? 0,
    securityInfoConfirmedAt: info.confirmedAt,
    reregistrationRequired,
    mfa: { on: mfa.totp || mfa.passkeys > 0, ...mfa },
    selfServiceBlock: isSelfServiceBlocked(user, now) ? { until: user.selfServiceBlockedUntil!, reason: user.selfServiceBlockReason } : null,
    secondStepPause:
      user.mfaFailedAttempts >= MFA_STOP_AFTER_FAILURES
        ? { stopped: true, until: null }
        : user.mfaCoolOffUntil !== null && user.mfaCoolOffUntil > now
          ? { stopped: false, until: user.mfaCoolOffUntil }
          : null,
  };
}
