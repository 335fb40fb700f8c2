// Whether a staff member must (re)visit "Don't lose access to your account" before the
// console opens: fewer than 2 methods, never confirmed, last confirmed longer ago than the
// district's re-confirm interval (180 days), or a site admin asked them to register again.
import type { prisma } from "@/lib/db";
import { countSecurityMethods, SECURITY_METHODS_REQUIRED, type StaffSecurityInfoView } from "@/lib/staff-auth/security-info/load-staff-security-info";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Decided on values already loaded (lib/staff-auth/staff-setup-facts.ts), once per request. */
export function isSecurityInfoRegistrationPending(
  view: StaffSecurityInfoView,
  reregistrationRequiredAt: Date | null,
  reconfirmDays: number,
  now = new Date(),
): boolean {
  if (countSecurityMethods(view) < SECURITY_METHODS_REQUIRED || !view.confirmedAt) return true;
  if (now.getTime() - view.confirmedAt.getTime() > reconfirmDays * DAY_MS) return true;
  return Boolean(reregistrationRequiredAt && reregistrationRequiredAt >= view.confirmedAt);
}

/** For the admin's "require re-registration" (Staff page): pending at the person's next request. */
export async function requireSecurityInfoReregistration(db: Pick<typeof prisma, "staffSecurityInfo">, staffUserId: number, now = new Date()): Promise<void> {
  await db.staffSecurityInfo.upsert({ where: { staffUserId }, create: { staffUserId, reregistrationRequiredAt: now }, update: { reregistrationRequiredAt: now } });
}
