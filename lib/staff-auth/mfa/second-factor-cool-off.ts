// Wrong second factors in a row pause the second step only; the passphrase stays valid and
// normal sign-in is not locked. Reaching the second step already needs the passphrase, so only
// someone who knows it can cause a pause. The count goes back to 0 only on a right answer (or a
// self-service reset / a site admin clearing it), never when a pause starts, so it is a true
// count of consecutive failures: every 10 start a pause that doubles each time (15 minutes,
// 30, 60, ... about 5 days of waiting to get near the cap), and at 100 (NIST SP 800-63B-4
// section 3.2.2's cap) the second step stops until the person gets back into their account
// ("Forgot passphrase") or a site admin clears it on the Staff page. A guesser with the
// passphrase thus gets at most 100 tries in all, not ~960 a day.
import type { Tx } from "@/lib/db";

export const MFA_MAX_CONSECUTIVE_FAILURES = 10;
export const MFA_COOL_OFF_MINUTES = 15;
export const MFA_STOP_AFTER_FAILURES = 100;

export interface SecondFactorState {
  /** Paused (a cool-off is running) or stopped (100 in a row). */
  coolingOff: boolean;
  stopped: boolean;
}

/** Minutes of the pause that the `failures`-th failure in a row starts (0: none). */
export function coolOffMinutesAfter(failures: number): number {
  if (failures <= 0 || failures % MFA_MAX_CONSECUTIVE_FAILURES !== 0 || failures >= MFA_STOP_AFTER_FAILURES) return 0;
  return MFA_COOL_OFF_MINUTES * 2 ** (failures / MFA_MAX_CONSECUTIVE_FAILURES - 1);
}

/** Locks the person's row and says whether the second step is paused or stopped for them now. */
export async function lockSecondFactorState(tx: Tx, staffUserId: number, now = new Date()): Promise<SecondFactorState | null> {
  const rows = await tx.$queryRaw<{ mfaCoolOffUntil: Date | null; mfaFailedAttempts: number }[]>`
    SELECT "mfaCoolOffUntil", "mfaFailedAttempts" FROM "StaffUser" WHERE id = ${staffUserId} FOR UPDATE`;
  const row = rows[0];
  if (!row) return null;
  const stopped = row.mfaFailedAttempts >= MFA_STOP_AFTER_FAILURES;
  return { stopped, coolingOff: stopped || (row.mfaCoolOffUntil !== null && row.mfaCoolOffUntil.getTime() > now.getTime()) };
}

export type SecondFactorFailureOutcome = { kind: "counted" } | { kind: "cool-off"; minutes: number } | { kind: "stopped" };

/** Counts one wrong second factor (call under lockSecondFactorState); says whether it paused or stopped the step. */
export async function recordSecondFactorFailure(tx: Tx, staffUserId: number, now = new Date()): Promise<SecondFactorFailureOutcome> {
  const user = await tx.staffUser.update({ where: { id: staffUserId }, data: { mfaFailedAttempts: { increment: 1 } }, select: { mfaFailedAttempts: true } });
  if (user.mfaFailedAttempts >= MFA_STOP_AFTER_FAILURES) return { kind: "stopped" };
  const minutes = coolOffMinutesAfter(user.mfaFailedAttempts);
  if (minutes === 0) return { kind: "counted" };
  await tx.staffUser.update({ where: { id: staffUserId }, data: { mfaCoolOffUntil: new Date(now.getTime() + minutes * 60_000) } });
  return { kind: "cool-off", minutes };
}

/** A right answer, a self-service reset or a site admin's clear: the count starts again. */
export async function recordSecondFactorSuccess(tx: Tx, staffUserId: number): Promise<void> {
  await tx.staffUser.update({ where: { id: staffUserId }, data: { mfaFailedAttempts: 0, mfaCoolOffUntil: null } });
}

/** A site admin lifts a pause or stop of the second step (call under a lock of the person's row). */
export async function clearSecondFactorPause(tx: Tx, staffUserId: number, now = new Date()): Promise<{ wasPaused: boolean; failures: number }> {
  const user = await tx.staffUser.findUniqueOrThrow({ where: { id: staffUserId }, select: { mfaFailedAttempts: true, mfaCoolOffUntil: true } });
  const wasPaused = user.mfaFailedAttempts >= MFA_STOP_AFTER_FAILURES || (user.mfaCoolOffUntil !== null && user.mfaCoolOffUntil > now);
  await recordSecondFactorSuccess(tx, staffUserId);
  return { wasPaused, failures: user.mfaFailedAttempts };
}
