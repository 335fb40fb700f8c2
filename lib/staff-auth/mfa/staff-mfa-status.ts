// Which second factors a staff member has (never their values).
import type { Tx } from "@/lib/db";
import type { prisma } from "@/lib/db";

export interface StaffMfaStatus {
  /** A confirmed authenticator app. */
  totp: boolean;
  passkeys: number;
  recoveryCodesLeft: number;
}

export async function loadStaffMfaStatus(db: Tx | typeof prisma, staffUserId: number): Promise<StaffMfaStatus> {
  const [totp, passkeys, recoveryCodesLeft] = await Promise.all([
    db.staffTotp.count({ where: { staffUserId, confirmedAt: { not: null } } }),
    db.staffPasskey.count({ where: { staffUserId } }),
    db.staffRecoveryCode.count({ where: { staffUserId, usedAt: null } }),
  ]);
  return { totp: totp > 0, passkeys, recoveryCodesLeft };
}

/** Whether the person can answer a second step (recovery codes alone are a fallback, not a factor to sign in with day to day). */
export function hasSecondFactor(status: Pick<StaffMfaStatus, "totp" | "passkeys">): boolean {
  return status.totp || status.passkeys > 0;
}
