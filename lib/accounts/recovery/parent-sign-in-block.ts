// Whether a parent's sign-in is blocked right now: the account-wide lock (the cap of wrong
// passwords across all addresses was reached) or a per-address throttle of their username.
// Asked only after a valid security code (the Forgot Password grant), to offer "Keep my
// current password and unlock": before the code, nothing may tell a stranger about it.
import { prisma } from "@/lib/db";
import { currentLockState, isNameThrottled } from "@/lib/auth/sign-in-throttle";

/** Only an active login with a password can be unlocked; others must choose a password. */
export async function isParentSignInBlocked(parentAccountId: number): Promise<boolean> {
  const account = await prisma.parentAccount.findUnique({
    where: { id: parentAccountId },
    select: { status: true, passwordHash: true, disabledAt: true, usernameKey: true, failedAttempts: true, failureWindowStartedAt: true, lockedUntil: true },
  });
  if (!account || account.status !== "ACTIVE" || !account.passwordHash || account.disabledAt) return false;
  if (currentLockState(account).lockedUntil !== null) return true;
  return isNameThrottled("parent", account.usernameKey);
}
