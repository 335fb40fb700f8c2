// The "enrol-second-factor" setup step: the district requires two-step sign-in for this person
// (lib/staff-auth/mfa/staff-mfa-policy.ts) and they have neither an authenticator app nor a
// passkey yet. Decided on values already loaded (lib/staff-auth/staff-setup-facts.ts).
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { hasSecondFactor, type StaffMfaStatus } from "@/lib/staff-auth/mfa/staff-mfa-status";
import { staffMfaRequired, type StaffMfaSettings } from "@/lib/staff-auth/mfa/staff-mfa-policy";

export function needsSecondFactorEnrolment(
  role: StaffRole,
  settings: Pick<StaffMfaSettings, "mfaRequiredForHelpDesk">,
  factors: Pick<StaffMfaStatus, "totp" | "passkeys">,
): boolean {
  return staffMfaRequired(role, settings) && !hasSecondFactor(factors);
}
