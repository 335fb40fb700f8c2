// What makes parent logins unusable until the parent re-registers: the account becomes RESET
// (password and temporary password gone, lock cleared), open security codes are superseded,
// sessions end, and student accounts the parent created are removed (the SIS vendor's
// procedure). Shared by a staff reset and the roster's grace-period disable; runs in the
// caller's transaction, which has locked the account rows.
import type { Tx } from "@/lib/db";
import { endParentSessions } from "@/lib/auth/auth-session-store";

export async function revokeParentLogins(
  tx: Tx,
  accountIds: number[],
  now: Date,
  mark: { resetAt: Date } | { disabledAt: Date },
): Promise<{ sessionsEnded: number; studentAccountsRemoved: number }> {
  await tx.parentAccount.updateMany({
    where: { id: { in: accountIds } },
    data: { status: "RESET", passwordHash: null, tempPasswordExpiresAt: null, tempPasswordUsedAt: null, failedAttempts: 0, lockedUntil: null, ...mark },
  });
  await tx.passwordResetCode.updateMany({
    where: { parentAccountId: { in: accountIds }, usedAt: null, supersededAt: null },
    data: { supersededAt: now },
  });
  const sessionsEnded = await endParentSessions(tx, accountIds);
  const studentAccountsRemoved = (await tx.studentAccount.deleteMany({ where: { createdByAccountId: { in: accountIds } } })).count;
  return { sessionsEnded, studentAccountsRemoved };
}
