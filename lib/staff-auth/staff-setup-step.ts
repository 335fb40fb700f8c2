// What a signed-in staff member must finish before the console opens: bind a second factor
// when the district requires one (issue 9, item 3), then register their security info (item
// 2). A session with a step pending is "restricted": only that step's pages and actions work
// (lib/auth/current-principal.ts, lib/actions/safe-action.ts), like a parent's temporary
// password session that may only choose a password.
import type { StaffUser } from "@/lib/generated/prisma/client";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { needsSecondFactorEnrolment } from "@/lib/staff-auth/mfa/needs-second-factor-enrolment";
import { securityInfoView } from "@/lib/staff-auth/security-info/load-staff-security-info";
import { isSecurityInfoRegistrationPending } from "@/lib/staff-auth/security-info/security-info-pending";
import { loadStaffSetupFacts, type StaffSetupFacts } from "@/lib/staff-auth/staff-setup-facts";

export type StaffSetupStep = "enrol-second-factor" | "register-security-info";

/** Where each step is done. */
export const STAFF_SETUP_PAGES: Record<StaffSetupStep, string> = {
  "enrol-second-factor": "/console/setup/second-factor",
  "register-security-info": "/console/setup/security-info",
};

/** The first step still to do, decided on facts already loaded (by the session lookup, say). */
export function staffSetupStepOf(role: StaffRole, facts: StaffSetupFacts, now = new Date()): StaffSetupStep | null {
  if (needsSecondFactorEnrolment(role, facts, facts)) return "enrol-second-factor";
  const view = securityInfoView(facts, facts.questionKeys, facts.securityQuestionsEnabled);
  if (isSecurityInfoRegistrationPending(view, facts.reregistrationRequiredAt, facts.securityInfoReconfirmDays, now)) {
    return "register-security-info";
  }
  return null;
}

/** The first step this person still has to do, or null when the console is open to them. */
export async function nextStaffSetupStep(staffUser: Pick<StaffUser, "id" | "role">): Promise<StaffSetupStep | null> {
  return staffSetupStepOf(staffUser.role, await loadStaffSetupFacts(staffUser.id));
}
