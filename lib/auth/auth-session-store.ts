// Server-side sessions: the JWT only carries the id of a row here, so that sign-out,
// disabling a staff user and password changes end sessions immediately.
import { prisma } from "@/lib/db";
import type { Tx } from "@/lib/db";
import { sqlRows } from "@/lib/db-sql";
import { randomId } from "@/lib/security/random-secret";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AccountStatus, StaffRole } from "@/lib/generated/prisma/enums";
import { staffSetupFactsSql, type StaffSetupFacts } from "@/lib/staff-auth/staff-setup-facts";
import { staffSetupStepOf, type StaffSetupStep } from "@/lib/staff-auth/staff-setup-step";

export const SESSION_LIFETIME_SECONDS = 8 * 60 * 60;
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

export type SessionPrincipal =
  | {
      kind: "staff";
      sessionId: string;
      staffUserId: number;
      email: string;
      name: string;
      role: StaffRole;
      /** A step to finish before the console opens (lib/staff-auth/staff-setup-step.ts); null when none. */
      setupStep: StaffSetupStep | null;
    }
  | {
      kind: "parent";
      sessionId: string;
      parentAccountId: number;
      username: string;
      /** Signed in with a temporary password: only "choose your password" is open. */
      mustChangePassword: boolean;
    };

export async function createAuthSession(
  owner: { staffUserId: number } | { parentAccountId: number },
  meta: { ip?: string | null; userAgent?: string | null },
): Promise<string> {
  const id = randomId();
  await prisma.authSession.create({
    data: {
      id,
      ...owner,
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      // A staff session starts right after the passphrase was typed (lib/staff-auth/reauthentication.ts).
      reauthenticatedAt: "staffUserId" in owner ? new Date() : null,
      expiresAt: new Date(Date.now() + SESSION_LIFETIME_SECONDS * 1000),
    },
  });
  return id;
}

/** The session's row, its owner's and, for staff, what decides their setup step. */
type SessionRecord = StaffSetupFacts & {
  id: string;
  expiresAt: Date;
  lastSeenAt: Date;
  staffUserId: number | null;
  staffEmail: string | null;
  staffName: string | null;
  staffRole: StaffRole | null;
  staffDisabled: boolean | null;
  parentAccountId: number | null;
  parentUsername: string | null;
  parentStatus: AccountStatus | null;
};

// One statement: every staff request runs it before anything else, so it is the floor of the
// console's response time (search-as-you-type), hence sqlRows rather than $queryRaw. The
// setup-step columns are null for parents.
async function loadSessionRecord(sessionId: string): Promise<SessionRecord | null> {
  const [record] = await sqlRows<SessionRecord>(Prisma.sql`
    -- facts.* first: of two columns with one name the row keeps the last, so a facts column
    -- named like one below could never replace the session's own values.
    SELECT facts.*,
           s.id, s."expiresAt", s."lastSeenAt",
           su.id AS "staffUserId", su.email AS "staffEmail", su.name AS "staffName", su.role::text AS "staffRole",
           su.disabled AS "staffDisabled",
           pa.id AS "parentAccountId", pa.username AS "parentUsername", pa.status::text AS "parentStatus"
    FROM "AuthSession" s
    LEFT JOIN "StaffUser" su ON su.id = s."staffUserId"
    LEFT JOIN "ParentAccount" pa ON pa.id = s."parentAccountId"
    LEFT JOIN LATERAL (${staffSetupFactsSql(Prisma.raw("su.id"))}) AS facts ON su.id IS NOT NULL
    WHERE s.id = ${sessionId}`,
    { preparedAs: "session-record" },
  );
  return record ?? null;
}

/**
 * The live principal behind a session id, or null when it ended, expired or was revoked.
 * Read from the database on every call: nothing about who may do what is cached between requests.
 */
export async function loadSessionPrincipal(sessionId: string): Promise<SessionPrincipal | null> {
  const session = await loadSessionRecord(sessionId);
  // Written so that an unreadable time (NaN) counts as expired.
  if (!session || !(session.expiresAt.getTime() > Date.now())) return null;
  if (Date.now() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await prisma.authSession.update({ where: { id: sessionId }, data: { lastSeenAt: new Date() } });
  }
  if (session.staffUserId !== null) {
    // Never null beside a staff user's id (one statement, one snapshot); checked for the types.
    if (session.staffDisabled !== false || session.staffEmail === null || session.staffName === null || session.staffRole === null) return null;
    return {
      kind: "staff",
      sessionId,
      staffUserId: session.staffUserId,
      email: session.staffEmail,
      name: session.staffName,
      role: session.staffRole,
      setupStep: staffSetupStepOf(session.staffRole, session),
    };
  }
  if (session.parentAccountId !== null) {
    if (session.parentStatus === "RESET" || session.parentUsername === null) return null;
    return {
      kind: "parent",
      sessionId,
      parentAccountId: session.parentAccountId,
      username: session.parentUsername,
      mustChangePassword: session.parentStatus === "PENDING_PASSWORD_CHANGE",
    };
  }
  return null;
}

export async function endAuthSession(sessionId: string): Promise<void> {
  await prisma.authSession.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of a parent login, except optionally the one making the change. */
export async function endParentSessions(db: Tx, parentAccountIds: number[], exceptSessionId?: string): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "AuthSession" WHERE "parentAccountId" = ANY(${parentAccountIds}::int[])
      AND id IS DISTINCT FROM ${exceptSessionId ?? null}`;
}

/** Ends every session of a staff member, except optionally the one making the change. */
export async function endStaffSessions(db: Tx, staffUserId: number, exceptSessionId?: string): Promise<number> {
  const result = await db.authSession.deleteMany({
    where: { staffUserId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
  });
  return result.count;
}
