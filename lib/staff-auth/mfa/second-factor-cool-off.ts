// Ten wrong second factors in a row cost a 15-minute pause of the second step only. The
// passphrase stays valid and normal sign-in is not locked: reaching the second step already
// needs the passphrase, so only someone who knows it can cause a pause, and a pause ends on
// its own after 15 minutes (no long lockout of the owner). Ten tries per 15 minutes keeps a
// guesser of 6-digit codes far below NIST's cap of 100 consecutive failures.
import type { Tx } from "@/lib/db";

export const MFA_MAX_CONSECUTIVE_FAILURES = 10;
export const MFA_COOL_OFF_MINUTES = 15;

/** Locks the person's row and says whether the second step is paused for them now. */
export async function lockSecondFactorState(tx: Tx, staffUserId: number, now = new Date()): Promise<{ coolingOff: boolean } | null> {
  const rows = await tx.$queryRaw<{ mfaCoolOffUntil: Date | null }[]>`
    SELECT "mfaCoolOffUntil" FROM "StaffUser" WHERE id = ${staffUserId} FOR UPDATE`;
  const row = rows[0];
  if (!row) return null;
  return { coolingOff: row.mfaCoolOffUntil !== null && row.mfaCoolOffUntil.getTime() > now.getTime() };
}

/** Counts one wrong second factor; true when this one started a cool-off. */
export async function recordSecondFactorFailure(tx: Tx, staffUserId: number, now = new Date()): Promise<boolean> {
  const user = await tx.staffUser.update({ where: { id: staffUserId }, data: { mfaFailedAttempts: { increment: 1 } }, select: { mfaFailedAttempts: true } });
  if (user.mfaFailedAttempts < MFA_MAX_CONSECUTIVE_FAILURES) return false;
  await tx.staffUser.update({
    where: { id: staffUserId },
    data: { mfaFailedAttempts: 0, mfaCoolOffUntil: new Date(now.getTime() + MFA_COOL_OFF_MINUTES * 60_000) },
  });
  return true;
}

export async function recordSecondFactorSuccess(tx: Tx, staffUserId: number): Promise<void> {
  await tx.staffUser.update({ where: { id: staffUserId }, data: { mfaFailedAttempts: 0, mfaCoolOffUntil: null } });
}
