// What a signed-in staff member must finish before the console opens: bind a second factor
// when the district requires one (issue 9, item 3), then register their security info (item
// 2). A session with a step pending is "restricted": only that step's pages and actions work
// (lib/auth/current-principal.ts, lib/actions/safe-action.ts), like a parent's temporary
// password session that may only choose a password.
import type { StaffUser } from "@/lib/generated/prisma/client";
import { needsSecondFactorEnrolment } from "@/lib/staff-auth/mfa/needs-second-factor-enrolment";
import { isSecurityInfoRegistrationPending } from "@/lib/staff-auth/security-info/security-info-pending";

export type StaffSetupStep = "enrol-second-factor" | "register-security-info";

/** Where each step is done. */
export const STAFF_SETUP_PAGES: Record<StaffSetupStep, string> = {
  "enrol-second-factor": "/console/setup/second-factor",
  "register-security-info": "/console/setup/security-info",
};

/** The first step this person still has to do, or null when the console is open to them. */
export async function nextStaffSetupStep(staffUser: StaffUser): Promise<StaffSetupStep | null> {
  if (await needsSecondFactorEnrolment(staffUser)) return "enrol-second-factor";
  if (await isSecurityInfoRegistrationPending(staffUser.id)) return "register-security-info";
  return null;
}
