// "Confirm your passphrase": changing security info needs the passphrase typed within the
// last 10 minutes (ASVS 7.5.1; Entra asks the same), so a borrowed, unlocked screen cannot
// redirect a person's recovery to an attacker's phone. The time is kept on the session row
// (AuthSession.reauthenticatedAt): signing in sets it, and so does this step.
import { prisma } from "@/lib/db";
import { ActionFailure } from "@/lib/actions/action-result";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { verifySecret } from "@/lib/security/password-hash";
import { hitRateLimit } from "@/lib/security/rate-limit";
import { auditActorOf, type StaffActor } from "@/lib/staff/staff-actor";

export const REAUTHENTICATION_WINDOW_MINUTES = 10;
/** Where the "confirm your passphrase" step lives (open to sessions restricted to security info). */
export const REAUTHENTICATE_PAGE = "/console/setup/confirm-passphrase";

/** True when this session's passphrase was typed within the last 10 minutes. */
export async function hasRecentReauthentication(sessionId: string, now = new Date()): Promise<boolean> {
  const session = await prisma.authSession.findUnique({ where: { id: sessionId }, select: { reauthenticatedAt: true, staffUserId: true, expiresAt: true } });
  if (!session?.staffUserId || !session.reauthenticatedAt || session.expiresAt <= now) return false;
  return now.getTime() - session.reauthenticatedAt.getTime() <= REAUTHENTICATION_WINDOW_MINUTES * 60_000;
}

/** For domain functions behind a change of security info. */
export async function assertRecentReauthentication(sessionId: string): Promise<void> {
  if (!(await hasRecentReauthentication(sessionId))) {
    throw new ActionFailure("unauthorized", "For your security, confirm your passphrase again first.", { _reauthenticate: [REAUTHENTICATE_PAGE] });
  }
}

/**
 * Checks the passphrase of the signed-in person and, when right, marks the session as
 * re-authenticated now. At most 5 tries per person per 15 minutes (the check is a guessing
 * oracle for whoever holds the session); the owner can always sign out and sign in again.
 */
export async function reauthenticateStaff(actor: StaffActor, sessionId: string, passphrase: string): Promise<void> {
  const limit = await hitRateLimit({ key: `staff-reauthenticate:${actor.staffUserId}`, limit: 5, windowSeconds: 15 * 60 });
  if (!limit.allowed) {
    await recordAuditEvent(prisma, { actor: auditActorOf(actor), action: "staff.reauthenticate.failed", details: { reason: "rate_limited" } });
    throw new ActionFailure("rate_limited", `Too many attempts. Try again in ${Math.ceil(limit.retryAfterSeconds / 60)} minutes.`);
  }
  const user = await prisma.staffUser.findUnique({ where: { id: actor.staffUserId }, select: { passwordHash: true } });
  if (!(await verifySecret(user?.passwordHash ?? null, passphrase))) {
    await recordAuditEvent(prisma, { actor: auditActorOf(actor), action: "staff.reauthenticate.failed", details: { reason: "passphrase" } });
    throw new ActionFailure("invalid", "Some fields need attention.", { passphrase: ["That is not your passphrase."] });
  }
  await prisma.$transaction(async (tx) => {
    const updated = await tx.authSession.updateMany({ where: { id: sessionId, staffUserId: actor.staffUserId }, data: { reauthenticatedAt: new Date() } });
    if (updated.count !== 1) throw new ActionFailure("unauthorized", "Your session has ended. Please sign in again.");
    await recordAuditEvent(tx, { actor: auditActorOf(actor), action: "staff.reauthenticate" });
  });
}
