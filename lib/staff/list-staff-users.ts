// Staff accounts for the management page (never the password hash), with the sign-in
// lock state as it stands now (a finished window or lock reads as zero).
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
    },
    orderBy: [{ disabled: "asc" }, { email: "asc" }],
  });
  return users.map(({ failedAttempts, failureWindowStartedAt, lockedUntil, ...user }) => ({
    ...user,
    signInLock: currentLockState({ failedAttempts, failureWindowStartedAt, lockedUntil }, now),
  }));
}

export type StaffUserListItem = Awaited<ReturnType<typeof listStaffUsers>>[number];
