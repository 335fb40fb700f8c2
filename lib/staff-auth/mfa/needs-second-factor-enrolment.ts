// The "enrol-second-factor" setup step: the district requires two-step sign-in for this person
// (lib/staff-auth/mfa/staff-mfa-policy.ts) and they have neither an authenticator app nor a
// passkey yet.
import { prisma } from "@/lib/db";
import type { StaffUser } from "@/lib/generated/prisma/client";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { hasSecondFactor, loadStaffMfaStatus } from "@/lib/staff-auth/mfa/staff-mfa-status";
import { staffMfaRequired } from "@/lib/staff-auth/mfa/staff-mfa-policy";

export async function needsSecondFactorEnrolment(staffUser: Pick<StaffUser, "id" | "role">): Promise<boolean> {
  if (!staffMfaRequired(staffUser.role, await getDistrictSettings())) return false;
  return !hasSecondFactor(await loadStaffMfaStatus(prisma, staffUser.id));
}
