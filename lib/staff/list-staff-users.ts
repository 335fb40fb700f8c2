// Staff accounts for the management page (never the password hash: only whether one is set,
// so admins see who has not yet used their setup link), with the sign-in lock state as it
// stands now (a finished window or lock reads as zero).
import { prisma } from "@/lib/db";
import { currentLockState } from "@/lib/auth/sign-in-throttle";

export async function listStaffUsers() {
  const now = Date.now();
  const users = await prisma.staffUser.findMany({
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabled: true,
      lastSignInAt: true,
      createdAt: true,
      failedAttempts: true,
      failureWindowStartedAt: true,
      lockedUntil: true,
      passwordHash: true,
    },
    orderBy: [{ disabled: "asc" }, { email: "asc" }],
  });
  return users.map(({ failedAttempts, failureWindowStartedAt, lockedUntil, passwordHash, ...user }) => ({
    ...user,
    awaitingSetup: passwordHash === null,
    signInLock: currentLockState({ failedAttempts, failureWindowStartedAt, lockedUntil }, now),
  }));
}

export type StaffUserListItem = Awaited<ReturnType<typeof listStaffUsers>>[number];
