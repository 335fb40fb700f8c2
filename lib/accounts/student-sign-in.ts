// Verifies a student login (the username and password a parent made for their child, argon2id)
// for the OpenID Provider's student sign-in page. Like the parent sign-in: limited per address
// and per typed username (never per existing account), one argon2id verification on every path
// (an unknown name costs what a wrong password does), every failure the same to the caller,
// and audited. Student logins have no lockout of their own: the per-name limit is the cap. A
// login whose creating parent the roster no longer links to the child is unusable.
import { prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { metrics } from "@/lib/ops/metrics";
import { verifyAgainstDummy, verifySecret } from "@/lib/security/password-hash";
import { giveBackRateLimitHit, hitRateLimit } from "@/lib/security/rate-limit";
import { throttleSource } from "@/lib/security/throttle-source";
import { usernameKey } from "@/lib/accounts/parent-sign-in";
import { hasActiveParentLink } from "@/lib/accounts/student-login-link";

export const STUDENT_SIGN_IN_LIMITS = {
  perAddress: { limit: 50, windowSeconds: 15 * 60 },
  perUsername: { limit: 10, windowSeconds: 15 * 60 },
} as const;

export type StudentSignInResult = { ok: true; oidcSubject: string } | { ok: false; reason: "invalid" | "rate_limited" };

export async function authenticateStudent(username: string, password: string, ip: string): Promise<StudentSignInResult> {
  const key = usernameKey(username);
  const anonymous = { type: "ANONYMOUS" as const, label: `student:${key}`, ip };
  const ipKey = `student-sign-in:ip:${throttleSource(ip)}`;
  const nameKey = `student-sign-in:name:${key}`;
  const ipAllowed = (await hitRateLimit({ key: ipKey, ...STUDENT_SIGN_IN_LIMITS.perAddress })).allowed;
  const nameAllowed = ipAllowed && (await hitRateLimit({ key: nameKey, ...STUDENT_SIGN_IN_LIMITS.perUsername })).allowed;
  if (!nameAllowed) {
    await verifyAgainstDummy(password);
    await recordAuditEvent(prisma, { actor: anonymous, action: "student.sign-in.rate-limited" });
    metrics.signInFailures.inc({ scope: "student", kind: "rate-limited" });
    return { ok: false, reason: "rate_limited" };
  }
  const account = await prisma.studentAccount.findUnique({
    where: { usernameKey: key },
    select: {
      id: true,
      studentId: true,
      username: true,
      passwordHash: true,
      oidcSubject: true,
      student: { select: { removedAt: true } },
      createdBy: { select: { contactId: true, status: true, disabledAt: true } },
    },
  });
  const usable =
    account !== null &&
    account.student.removedAt === null &&
    account.createdBy.status !== "RESET" &&
    account.createdBy.disabledAt === null &&
    (await hasActiveParentLink(account.studentId, account.createdBy.contactId));
  // Verified on every path, so an unknown or unusable login costs the same time as a wrong password.
  const matches = account ? await verifySecret(account.passwordHash, password) : await verifyAgainstDummy(password);
  if (!account || !usable || !matches) {
    const reason = !account ? "unknown" : !usable ? "unusable" : "password";
    await recordAuditEvent(prisma, {
      actor: account ? { ...anonymous, label: `student:${account.username}` } : anonymous,
      action: "student.sign-in.failed",
      contactIds: account ? [account.createdBy.contactId] : [],
      details: { reason },
    });
    metrics.signInFailures.inc({ scope: "student", kind: reason });
    return { ok: false, reason: "invalid" };
  }
  await giveBackRateLimitHit(ipKey);
  await giveBackRateLimitHit(nameKey);
  await recordAuditEvent(prisma, {
    actor: { ...anonymous, label: `student:${account.username}` },
    action: "student.sign-in",
    contactIds: [account.createdBy.contactId],
    details: { studentAccountId: account.id },
  });
  return { ok: true, oidcSubject: account.oidcSubject };
}
