// Who must pass a second step to use the console: site admins always (their accounts can
// change everyone's), help desk staff when the district says so (default on).
import type { StaffRole } from "@/lib/generated/prisma/enums";

export interface StaffMfaSettings {
  mfaRequiredForHelpDesk: boolean;
  mfaRememberDays: number;
}

export function staffMfaRequired(role: StaffRole, settings: Pick<StaffMfaSettings, "mfaRequiredForHelpDesk">): boolean {
  return role === "SITE_ADMIN" || settings.mfaRequiredForHelpDesk;
}

/** Days a browser may skip the second step; 0 (never) for site admins. */
export function rememberBrowserDays(role: StaffRole, settings: StaffMfaSettings): number {
  return role === "SITE_ADMIN" ? 0 : Math.max(0, settings.mfaRememberDays);
}
