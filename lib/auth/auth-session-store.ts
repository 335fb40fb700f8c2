// Server-side sessions: the JWT only carries the id of a row here, so that sign-out,
// disabling a staff user and password changes end sessions immediately.
import { prisma } from "@/lib/db";
import type { Tx } from "@/lib/db";
import { randomId } from "@/lib/security/random-secret";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { nextStaffSetupStep, type StaffSetupStep } from "@/lib/staff-auth/staff-setup-step";

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

/** The live principal behind a session id, or null when it ended, expired or was revoked. */
export async function loadSessionPrincipal(sessionId: string): Promise<SessionPrincipal | null> {
  const session = await prisma.authSession.findUnique({
    where: { id: sessionId },
    include: { staffUser: true, parentAccount: true },
  });
  if (!session || session.expiresAt.getTime() <= Date.now()) return null;
  if (Date.now() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await prisma.authSession.update({ where: { id: sessionId }, data: { lastSeenAt: new Date() } });
  }
  const { staffUser, parentAccount } = session;
  if (staffUser) {
    if (staffUser.disabled) return null;
    const { id, email, name, role } = staffUser;
    return { kind: "staff", sessionId, staffUserId: id, email, name, role, setupStep: await nextStaffSetupStep(staffUser) };
  }
  if (parentAccount) {
    if (parentAccount.status === "RESET") return null;
    return {
      kind: "parent",
      sessionId,
      parentAccountId: parentAccount.id,
      username: parentAccount.username,
      mustChangePassword: parentAccount.status === "PENDING_PASSWORD_CHANGE",
    };
  }
  return null;
}

export async function endAuthSession(sessionId: string): Promise<void> {
  await prisma.authSession.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of a parent login, except optionally the one making the change. */
export async function endParentSessions(db: Tx, parentAccountIds: number[], exceptSessionId?: string): Promise<number> {
  const result = await db.authSession.deleteMany({
    where: { parentAccountId: { in: parentAccountIds }, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
  });
  return result.count;
}

/** Ends every session of a staff member, except optionally the one making the change. */
export async function endStaffSessions(db: Tx, staffUserId: number, exceptSessionId?: string): Promise<number> {
  const result = await db.authSession.deleteMany({
    where: { staffUserId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
  });
  return result.count;
}
