// What follows a right passphrase at the console: a session at once, or a second step first.
// - No authenticator or passkey yet: a session at once. When the district requires two-step
//   sign-in for the person, that session is restricted to "enrol-second-factor"
//   (staff-setup-step.ts) until they bind one, which needs a mailbox code as well.
// - Otherwise a sign-in ticket and the second-step page, unless this browser was remembered
//   (never for site admins).
import { prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { hasSecondFactor, loadStaffMfaStatus } from "@/lib/staff-auth/mfa/staff-mfa-status";
import { rememberBrowserDays } from "@/lib/staff-auth/mfa/staff-mfa-policy";
import { browserIsRemembered } from "@/lib/staff-auth/mfa/remember-browser";
import { issueSignInTicket } from "@/lib/staff-auth/mfa/sign-in-ticket";

export type StaffSignInNextStep = { kind: "session" } | { kind: "second-step"; ticket: string };

export async function staffSignInNextStep(staffUserId: number, rememberToken: string | null, ip: string | null): Promise<StaffSignInNextStep> {
  const staff = await prisma.staffUser.findUniqueOrThrow({ where: { id: staffUserId } });
  const status = await loadStaffMfaStatus(prisma, staffUserId);
  if (!hasSecondFactor(status)) return { kind: "session" };
  const actor = { type: "STAFF" as const, id: staff.id, label: staff.email, ip };
  const days = rememberBrowserDays(staff.role, await getDistrictSettings());
  if (browserIsRemembered(rememberToken, staff.id, staff.passwordHash, days)) {
    await recordAuditEvent(prisma, { actor, action: "staff.mfa.remembered-browser", details: { days } });
    return { kind: "session" };
  }
  const ticket = await prisma.$transaction(async (tx) => {
    const token = await issueSignInTicket(tx, staffUserId);
    await recordAuditEvent(tx, { actor, action: "staff.mfa.second-step", details: { totp: status.totp, passkeys: status.passkeys } });
    return token;
  });
  return { kind: "second-step", ticket };
}

/** A cookie's value from a raw Cookie header (what next-auth's authorize() receives). */
export function cookieFromHeader(name: string, header: string | null | undefined): string | null {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join("="));
    } catch {
      return null;
    }
  }
  return null;
}
