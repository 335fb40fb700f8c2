// Verifies a parent's username and password (permanent or temporary) with per-source
// throttling and a per-account cap (lib/auth/sign-in-throttle.ts), and audit. Every failure
// looks the same to the caller and costs one argon2id verification.
import { prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { metrics } from "@/lib/ops/metrics";
import { verifyAgainstDummy, verifySecret } from "@/lib/security/password-hash";
import { giveBackRateLimitHit, hitRateLimit } from "@/lib/security/rate-limit";
import { throttleSource } from "@/lib/security/throttle-source";
import { deviceToken, readDeviceToken } from "@/lib/auth/device-cookie";
import {
  confirmAccountFailure,
  forgiveDeviceFailures,
  forgiveSourceFailures,
  PARENT_THROTTLE,
  releaseAccountFailure,
  reserveAccountFailure,
  reserveDeviceFailure,
  reserveSourceFailure,
} from "@/lib/auth/sign-in-throttle";

export type ParentSignInResult =
  /** `deviceToken`: the device cookie for this browser, bound to the password just used. */
  | { ok: true; parentAccountId: number; mustChangePassword: boolean; deviceToken: string }
  | { ok: false; reason: "invalid" | "rate_limited" };

export interface ParentSignInOptions {
  /** The browser's device cookie (lib/auth/device-cookie.ts), if it sent one. */
  deviceToken?: string | null;
}

export function usernameKey(username: string): string {
  return username.trim().toLowerCase();
}

export async function authenticateParent(
  username: string,
  password: string,
  ip: string,
  options: ParentSignInOptions = {},
): Promise<ParentSignInResult> {
  const key = usernameKey(username);
  const anonymous = { type: "ANONYMOUS" as const, label: key, ip };
  // Keyed by what the caller controls (address, typed username), never by whether the account
  // exists, so saying "too many attempts" here reveals nothing.
  // Per address, any name: counts attempts, and a right password gives its hit back, so a
  // school office or a mobile network behind one address is never limited by its own sign-ins.
  const ipKey = `parent-sign-in:ip:${throttleSource(ip)}`;
  const ipAllowed = (await hitRateLimit({ key: ipKey, limit: 50, windowSeconds: 15 * 60 })).allowed;
  const sourceAllowed = ipAllowed && (await reserveSourceFailure("parent", key, ip));
  if (!sourceAllowed) {
    await verifyAgainstDummy(password);
    await recordAuditEvent(prisma, { actor: anonymous, action: "parent.sign-in.rate-limited" });
    metrics.signInFailures.inc({ scope: "parent", kind: "rate-limited" });
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
    metrics.signInFailures.inc({ scope: "parent", kind: account ? "reset" : "unknown" });
    return { ok: false, reason: "invalid" };
  }
  const now = Date.now();
  const actor = { type: "PARENT" as const, id: account.id, label: account.username, ip };
  const device = readDeviceToken("parent", options.deviceToken, account.passwordHash, now);
  const trusted = device !== null && device.accountId === account.id;
  const reservation = await reserveAccountFailure(PARENT_THROTTLE, account.id, trusted);
  const deviceAllowed = !(reservation.reserved && reservation.capped) || (await reserveDeviceFailure("parent", device!.deviceId, account.id));
  // Verified on every path, so a capped account costs the same time as a wrong password.
  const passwordMatches = await verifySecret(account.passwordHash, password);
  const pending = account.status === "PENDING_PASSWORD_CHANGE";
  const temporaryUnusable =
    pending &&
    (account.tempPasswordUsedAt !== null ||
      (account.tempPasswordExpiresAt !== null && account.tempPasswordExpiresAt.getTime() <= now));

  if (!reservation.reserved || !deviceAllowed) {
    if (reservation.reserved) await releaseAccountFailure(PARENT_THROTTLE, account.id);
    await recordAuditEvent(prisma, {
      actor,
      action: "parent.sign-in.failed",
      contactIds: [account.contactId],
      details: { reason: "locked", trustedDevice: trusted },
    });
    metrics.signInFailures.inc({ scope: "parent", kind: "locked" });
    return { ok: false, reason: "invalid" };
  }
  if (!passwordMatches || temporaryUnusable) {
    let lockedNow = false;
    if (passwordMatches) await releaseAccountFailure(PARENT_THROTTLE, account.id);
    else lockedNow = await confirmAccountFailure(PARENT_THROTTLE, account.id);
    const reason = passwordMatches ? "temporary-password-expired-or-used" : "password";
    await recordAuditEvent(prisma, { actor, action: "parent.sign-in.failed", contactIds: [account.contactId], details: { reason } });
    if (lockedNow) {
      await recordAuditEvent(prisma, {
        actor,
        action: "parent.sign-in.locked",
        contactIds: [account.contactId],
        details: { cap: PARENT_THROTTLE.cap },
      });
    }
    metrics.signInFailures.inc({ scope: "parent", kind: reason });
    return { ok: false, reason: "invalid" };
  }
  await giveBackRateLimitHit(ipKey);
  await forgiveSourceFailures("parent", key, ip);
  if (trusted) await forgiveDeviceFailures("parent", device.deviceId);
  await releaseAccountFailure(PARENT_THROTTLE, account.id);
  const opened = await prisma.$transaction(async (tx) => {
    // A temporary password opens exactly one session, which may only choose a password: the
    // conditional update lets one of two parallel sign-ins with it win, never both.
    const updated = await tx.parentAccount.updateMany({
      where: { id: account.id, passwordHash: account.passwordHash, ...(pending ? { tempPasswordUsedAt: null } : {}) },
      data: { lastSignInAt: new Date(now), ...(pending ? { tempPasswordUsedAt: new Date(now) } : {}) },
    });
    if (updated.count === 0) return false;
    await recordAuditEvent(tx, {
      actor,
      action: pending ? "parent.sign-in.temporary-password" : "parent.sign-in",
      contactIds: [account.contactId],
    });
    return true;
  });
  if (!opened) {
    await recordAuditEvent(prisma, { actor, action: "parent.sign-in.failed", contactIds: [account.contactId], details: { reason: "changed-meanwhile" } });
    metrics.signInFailures.inc({ scope: "parent", kind: "changed-meanwhile" });
    return { ok: false, reason: "invalid" };
  }
  return { ok: true, parentAccountId: account.id, mustChangePassword: pending, deviceToken: deviceToken("parent", account.id, account.passwordHash) };
}
