// What makes parent logins unusable until the parent re-registers: the account becomes RESET
// (password and temporary password gone, lock cleared), open security codes are superseded,
// sessions end, and student accounts the parent created are removed (the SIS vendor's
// procedure). Their sign-ins to the district's other apps end too: provider sessions, grants
// and tokens of the parent and of those student accounts are deleted and back-channel
// logouts queued (lib/oidc/revoke-oidc-access.ts). Shared by a staff reset and the roster's
// grace-period disable; runs in the caller's transaction, which has locked the account rows.
// A bulk reset passes thousands of ids: each statement takes them as one array parameter.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { endParentSessions } from "@/lib/auth/auth-session-store";
import { revokeOidcAccess } from "@/lib/oidc/revoke-oidc-access";

export async function revokeParentLogins(
  tx: Tx,
  accountIds: number[],
  now: Date,
  mark: { resetAt: Date } | { disabledAt: Date },
): Promise<{ sessionsEnded: number; studentAccountsRemoved: number; appLogoutsQueued: number }> {
  const marked = "resetAt" in mark ? Prisma.sql`"resetAt" = ${mark.resetAt}` : Prisma.sql`"disabledAt" = ${mark.disabledAt}`;
  await tx.$executeRaw`
    UPDATE "ParentAccount" SET status = 'RESET', "passwordHash" = NULL, "tempPasswordExpiresAt" = NULL,
      "tempPasswordUsedAt" = NULL, "failedAttempts" = 0, "lockedUntil" = NULL, "updatedAt" = ${now}, ${marked}
    WHERE id = ANY(${accountIds}::int[])`;
  await tx.$executeRaw`
    UPDATE "PasswordResetCode" SET "supersededAt" = ${now}
    WHERE "parentAccountId" = ANY(${accountIds}::int[]) AND "usedAt" IS NULL AND "supersededAt" IS NULL`;
  const sessionsEnded = await endParentSessions(tx, accountIds);
  // Read before the student accounts are deleted below.
  const subjects = await tx.$queryRaw<{ subject: string }[]>`
    SELECT "oidcSubject"::text AS subject FROM "ParentAccount" WHERE id = ANY(${accountIds}::int[])
    UNION ALL
    SELECT s."oidcSubject"::text FROM "StudentAccount" sa JOIN "Student" s ON s.id = sa."studentId"
    WHERE sa."createdByAccountId" = ANY(${accountIds}::int[])`;
  const { logoutsQueued: appLogoutsQueued } = await revokeOidcAccess(tx, subjects.map((row) => row.subject));
  const studentAccountsRemoved = await tx.$executeRaw`DELETE FROM "StudentAccount" WHERE "createdByAccountId" = ANY(${accountIds}::int[])`;
  return { sessionsEnded, studentAccountsRemoved, appLogoutsQueued };
}
