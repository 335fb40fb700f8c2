// Verifies a parent's username and password (permanent or temporary) with lockout,
// rate limits and audit. Every failure looks the same to the caller.
import { prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { verifyAgainstDummy, verifySecret } from "@/lib/security/password-hash";
import { hitRateLimits } from "@/lib/security/rate-limit";

const MAX_FAILED_ATTEMPTS = 10;
const LOCKOUT_MINUTES = 15;

export type ParentSignInResult =
  | { ok: true; parentAccountId: number; mustChangePassword: boolean }
  | { ok: false; reason: "invalid" | "rate_limited" };

export function usernameKey(username: string): string {
  return username.trim().toLowerCase();
}

export async function authenticateParent(username: string, password: string, ip: string): Promise<ParentSignInResult> {
  const key = usernameKey(username);
  const limit = await hitRateLimits([
    { key: `parent-sign-in:ip:${ip}`, limit: 50, windowSeconds: 15 * 60 },
    { key: `parent-sign-in:user:${key}`, limit: 10, windowSeconds: 15 * 60 },
  ]);
  const anonymous = { type: "ANONYMOUS" as const, label: key, ip };
  if (!limit.allowed) {
    await recordAuditEvent(prisma, { actor: anonymous, action: "parent.sign-in.rate-limited" });
    return { ok: false, reason: "rate_limited" };
  }
  const account = await prisma.parentAccount.findUnique({ where: { usernameKey: key } });
  if (!account || account.status === "RESET" || !account.passwordHash) {
    await verifyAgainstDummy(password);
    await recordAuditEvent(prisma, {
      actor: anonymous,
      action: "parent.sign-in.failed",
      contactIds: account ? [account.contactId] : [],
      details: { reason: account ? "reset" : "unknown" },
    });
    return { ok: false, reason: "invalid" };
  }
  const now = Date.now();
  const actor = { type: "PARENT" as const, id: account.id, label: account.username, ip };
  const locked = account.lockedUntil !== null && account.lockedUntil.getTime() > now;
  const passwordMatches = await verifySecret(account.passwordHash, password);
  const pending = account.status === "PENDING_PASSWORD_CHANGE";
  const temporaryUnusable =
    pending &&
    (account.tempPasswordUsedAt !== null ||
      (account.tempPasswordExpiresAt !== null && account.tempPasswordExpiresAt.getTime() <= now));
  if (!passwordMatches || locked || temporaryUnusable) {
    const failedAttempts = passwordMatches ? account.failedAttempts : account.failedAttempts + 1;
    const reason = locked ? "locked" : temporaryUnusable && passwordMatches ? "temporary-password-expired-or-used" : "password";
    await prisma.$transaction(async (tx) => {
      await tx.parentAccount.update({
        where: { id: account.id },
        data: {
          failedAttempts,
          lockedUntil: failedAttempts >= MAX_FAILED_ATTEMPTS && !locked ? new Date(now + LOCKOUT_MINUTES * 60_000) : undefined,
        },
      });
      await recordAuditEvent(tx, { actor, action: "parent.sign-in.failed", contactIds: [account.contactId], details: { reason } });
    });
    return { ok: false, reason: "invalid" };
  }
  await prisma.$transaction(async (tx) => {
    await tx.parentAccount.update({
      where: { id: account.id },
      data: {
        failedAttempts: 0,
        lockedUntil: null,
        lastSignInAt: new Date(now),
        // A temporary password opens exactly one session, which may only choose a password.
        ...(pending ? { tempPasswordUsedAt: new Date(now) } : {}),
      },
    });
    await recordAuditEvent(tx, {
      actor,
      action: pending ? "parent.sign-in.temporary-password" : "parent.sign-in",
      contactIds: [account.contactId],
    });
  });
  return { ok: true, parentAccountId: account.id, mustChangePassword: pending };
}
