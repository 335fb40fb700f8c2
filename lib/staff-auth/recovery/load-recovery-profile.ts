// What a staff member can prove themselves with in "Get back into your account": which security
// info and second factors they registered (never the values), their role and the district's
// security-question setting.
import { prisma, type Tx } from "@/lib/db";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { loadStaffSecurityInfo } from "@/lib/staff-auth/security-info/load-staff-security-info";
import { loadStaffMfaStatus } from "@/lib/staff-auth/mfa/staff-mfa-status";
import type { RecoveryProfile } from "@/lib/staff-auth/recovery/recovery-gates";

export async function loadRecoveryProfile(db: Tx | typeof prisma, staffUser: { id: number; role: string }): Promise<RecoveryProfile> {
  const [info, mfa, settings] = await Promise.all([
    loadStaffSecurityInfo(db, staffUser.id),
    loadStaffMfaStatus(db, staffUser.id),
    getDistrictSettings(),
  ]);
  return {
    phone: info.phone !== null,
    altEmail: info.altEmail !== null,
    questions: info.questions !== null && info.questions.questionKeys.length > 0,
    totp: mfa.totp,
    passkeys: mfa.passkeys,
    recoveryCodesLeft: mfa.recoveryCodesLeft,
    siteAdmin: staffUser.role === "SITE_ADMIN",
    questionsEnabled: settings.staffSecurityQuestionsEnabled,
  };
}
