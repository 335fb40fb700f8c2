// Verifies a staff member's e-mail and password, with lockout, rate limits and audit.
import { prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { verifyAgainstDummy, verifySecret } from "@/lib/security/password-hash";
import { hitRateLimits } from "@/lib/security/rate-limit";

const MAX_FAILED_ATTEMPTS = 10;
const LOCKOUT_MINUTES = 15;

export type StaffSignInResult = { ok: true; staffUserId: number } | { ok: false; reason: "invalid" | "rate_limited" };

export async function authenticateStaff(emailInput: string, password: string, ip: string): Promise<StaffSignInResult> {
  const email = emailInput.trim().toLowerCase();
  const limit = await hitRateLimits([
    { key: `staff-sign-in:ip:${ip}`, limit: 30, windowSeconds: 15 * 60 },
    { key: `staff-sign-in:email:${email}`, limit: 10, windowSeconds: 15 * 60 },
  ]);
  const actor = { type: "ANONYMOUS" as const, label: email, ip };
  if (!limit.allowed) {
    await recordAuditEvent(prisma, { actor, action: "staff.sign-in.rate-limited" });
    return { ok: false, reason: "rate_limited" };
  }
  const user = await prisma.staffUser.findUnique({ where: { email } });
  if (!user) {
    await verifyAgainstDummy(password);
    await recordAuditEvent(prisma, { actor, action: "staff.sign-in.failed", details: { reason: "unknown" } });
    return { ok: false, reason: "invalid" };
  }
  const locked = user.lockedUntil !== null && user.lockedUntil.getTime() > Date.now();
  const passwordMatches = await verifySecret(user.passwordHash, password);
  if (!passwordMatches || user.disabled || locked) {
    const failedAttempts = passwordMatches ? user.failedAttempts : user.failedAttempts + 1;
    await prisma.$transaction(async (tx) => {
      await tx.staffUser.update({
        where: { id: user.id },
        data: {
          failedAttempts,
          lockedUntil:
            failedAttempts >= MAX_FAILED_ATTEMPTS && !locked ? new Date(Date.now() + LOCKOUT_MINUTES * 60_000) : undefined,
        },
      });
      const reason = user.disabled ? "disabled" : locked ? "locked" : "password";
      await recordAuditEvent(tx, { actor: { ...actor, type: "STAFF", id: user.id }, action: "staff.sign-in.failed", details: { reason } });
    });
    return { ok: false, reason: "invalid" };
  }
  await prisma.$transaction(async (tx) => {
    await tx.staffUser.update({
      where: { id: user.id },
      data: { failedAttempts: 0, lockedUntil: null, lastSignInAt: new Date() },
    });
    await recordAuditEvent(tx, { actor: { type: "STAFF", id: user.id, label: user.email, ip }, action: "staff.sign-in" });
  });
  return { ok: true, staffUserId: user.id };
}
