// Verifies a student login (the username and password a parent made for their child, argon2id)
// for the OpenID Provider's student sign-in page, on the parent sign-in's model
// (lib/auth/sign-in-throttle.ts), so nobody can keep a child locked out by typing their name:
//  - per address (any name), counted, a right password gives its hit back;
//  - per (typed name, source address): 10 wrong passwords per 15 minutes and 10 a day, so
//    another address (the child's school or home) is never affected;
//  - per login, across every address: STUDENT_ACCOUNT_CAP wrong passwords a day; past it only
//    a browser holding a device cookie for that login (set by a successful sign-in, bound to
//    its password) may still try, within its own budget. Past the cap the answer is the same
//    "invalid" as a wrong password, so the cap says nothing about whether the login exists.
// One argon2id verification on every path; every failure audited.
import { prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { metrics } from "@/lib/ops/metrics";
import { verifyAgainstDummy, verifySecret } from "@/lib/security/password-hash";
import { giveBackRateLimitHit, hitRateLimit } from "@/lib/security/rate-limit";
import { throttleSource } from "@/lib/security/throttle-source";
import { usernameKey } from "@/lib/accounts/parent-sign-in";
import { hasActiveParentLink } from "@/lib/accounts/student-login-link";
import { deviceToken, readDeviceToken } from "@/lib/auth/device-cookie";
import { FAILURE_WINDOW_HOURS, forgiveDeviceFailures, forgiveSourceFailures, reserveDeviceFailure, reserveSourceFailure } from "@/lib/auth/sign-in-throttle";

export const STUDENT_SIGN_IN_LIMITS = {
  perAddress: { limit: 50, windowSeconds: 15 * 60 },
  /** Wrong passwords per student login per window, across all sources (the parents' cap). */
  perAccount: { limit: 50, windowSeconds: FAILURE_WINDOW_HOURS * 60 * 60 },
} as const;

export type StudentSignInResult =
  /** `deviceToken`: the device cookie for this browser, bound to the password just used. */
  | { ok: true; oidcSubject: string; deviceToken: string }
  | { ok: false; reason: "invalid" | "rate_limited" };

const accountKey = (id: number) => `student-sign-in:account:${id}`;

export async function authenticateStudent(username: string, password: string, ip: string, options: { deviceToken?: string | null } = {}): Promise<StudentSignInResult> {
  const key = usernameKey(username);
  const anonymous = { type: "ANONYMOUS" as const, label: `student:${key}`, ip };
  // Keyed by what the caller controls (address, typed name), never by whether the login exists.
  const ipKey = `student-sign-in:ip:${throttleSource(ip)}`;
  const ipAllowed = (await hitRateLimit({ key: ipKey, ...STUDENT_SIGN_IN_LIMITS.perAddress })).allowed;
  const sourceAllowed = ipAllowed && (await reserveSourceFailure("student", key, ip));
  if (!sourceAllowed) {
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
      student: { select: { removedAt: true, oidcSubject: true } },
      createdBy: { select: { contactId: true, status: true, disabledAt: true } },
    },
  });
  const usable =
    account !== null &&
    account.student.removedAt === null &&
    account.createdBy.status !== "RESET" &&
    account.createdBy.disabledAt === null &&
    (await hasActiveParentLink(account.studentId, account.createdBy.contactId));
  let capped = false;
  let device: ReturnType<typeof readDeviceToken> = null;
  if (account) {
    device = readDeviceToken("student", options.deviceToken, account.passwordHash);
    const trusted = device !== null && device.accountId === account.id;
    const withinCap = (await hitRateLimit({ key: accountKey(account.id), ...STUDENT_SIGN_IN_LIMITS.perAccount })).allowed;
    capped = !withinCap && !(trusted && (await reserveDeviceFailure("student", device!.deviceId, account.id)));
  }
  // Verified on every path, so an unknown, unusable or capped login costs what a wrong password does.
  const matches = account ? await verifySecret(account.passwordHash, password) : await verifyAgainstDummy(password);
  if (!account || !usable || capped || !matches) {
    const reason = !account ? "unknown" : !usable ? "unusable" : capped ? "locked" : "password";
    // Only a wrong password spends the login's budget.
    if (account && reason !== "password" && !capped) await giveBackRateLimitHit(accountKey(account.id));
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
  await giveBackRateLimitHit(accountKey(account.id));
  await forgiveSourceFailures("student", key, ip);
  if (device && device.accountId === account.id) await forgiveDeviceFailures("student", device.deviceId);
  await recordAuditEvent(prisma, {
    actor: { ...anonymous, label: `student:${account.username}` },
    action: "student.sign-in",
    contactIds: [account.createdBy.contactId],
    details: { studentAccountId: account.id },
  });
  return { ok: true, oidcSubject: account.student.oidcSubject, deviceToken: deviceToken("student", account.id, account.passwordHash) };
}
