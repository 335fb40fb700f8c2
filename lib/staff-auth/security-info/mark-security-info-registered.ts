// After a change: once the person has the required methods, their registration counts as
// confirmed now (which also answers an admin's "register again" request).
import type { Tx } from "@/lib/db";
import { countSecurityMethods, loadStaffSecurityInfo, SECURITY_METHODS_REQUIRED } from "@/lib/staff-auth/security-info/load-staff-security-info";

export async function markSecurityInfoRegisteredIfComplete(tx: Tx, staffUserId: number, now = new Date()): Promise<boolean> {
  const view = await loadStaffSecurityInfo(tx, staffUserId);
  if (countSecurityMethods(view) < SECURITY_METHODS_REQUIRED) return false;
  await tx.staffSecurityInfo.update({ where: { staffUserId }, data: { confirmedAt: now } });
  return true;
}
