// A parent (re-)creates their child's student login. Only for a child linked to the
// parent's own contact record (checked here, on the server); an existing student login is
// replaced, and its provider sessions, grants and tokens are revoked in the same transaction. Password hashed with argon2id; audited in the same transaction.
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashSecret } from "@/lib/security/password-hash";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { checkPassword, type PasswordViolation } from "@/lib/accounts/password-policy";
import { usernameKey } from "@/lib/accounts/parent-sign-in";
import { revokeOidcAccess } from "@/lib/oidc/revoke-oidc-access";

class StudentUsernameTaken extends Error {}

export type CreateStudentAccountResult =
  | { ok: true; username: string }
  | { ok: false; reason: "not_your_child" | "username_taken" }
  | { ok: false; reason: "policy"; violations: PasswordViolation[]; minLength: number };

export interface CreateStudentAccountRequest {
  parentAccountId: number;
  studentId: number;
  username: string;
  password: string;
  ip: string;
}

export async function createStudentAccount(request: CreateStudentAccountRequest): Promise<CreateStudentAccountResult> {
  const parent = await prisma.parentAccount.findUnique({ where: { id: request.parentAccountId } });
  const link = parent
    ? await prisma.studentContact.findUnique({
        where: { studentId_contactId: { studentId: request.studentId, contactId: parent.contactId } },
      })
    : null;
  if (!parent || parent.status !== "ACTIVE" || !link || link.removedAt !== null) return { ok: false, reason: "not_your_child" };

  const { parentPasswordMinLength: minLength } = await getDistrictSettings();
  const username = request.username.trim();
  const violations = checkPassword(request.password, { username, minLength });
  if (violations.length > 0) return { ok: false, reason: "policy", violations, minLength };

  const key = usernameKey(username);
  const passwordHash = await hashSecret(request.password);
  try {
    await prisma.$transaction(async (tx) => {
      const owner = await tx.studentAccount.findUnique({ where: { usernameKey: key }, select: { studentId: true } });
      if (owner && owner.studentId !== request.studentId) throw new StudentUsernameTaken();
      const existing = await tx.studentAccount.findUnique({ where: { studentId: request.studentId }, select: { id: true, student: { select: { oidcSubject: true } } } });
      // createdAt: a replaced login counts as made now (the provider refuses older tokens).
      const data = { username, usernameKey: key, passwordHash, createdByAccountId: parent.id, createdAt: new Date() };
      await tx.studentAccount.upsert({ where: { studentId: request.studentId }, create: { studentId: request.studentId, ...data }, update: data });
      // The replaced login's sign-ins at the district's apps end with it (the sub stays: it is
      // the student's, Student.oidcSubject), so whoever knew the old password keeps no session or token.
      const { logoutsQueued } = existing ? await revokeOidcAccess(tx, [existing.student.oidcSubject]) : { logoutsQueued: 0 };
      await recordAuditEvent(tx, {
        actor: { type: "PARENT", id: parent.id, label: parent.username, ip: request.ip },
        action: "student-account.create",
        contactIds: [parent.contactId],
        details: { studentId: request.studentId, studentUsername: username, replaced: Boolean(existing), ...(existing ? { appLogoutsQueued: logoutsQueued } : {}) },
      });
    });
  } catch (error) {
    const raced = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
    if (raced || error instanceof StudentUsernameTaken) return { ok: false, reason: "username_taken" };
    throw error;
  }
  return { ok: true, username };
}
