// Verifies a staff member's e-mail and passphrase with per-source throttling and a per-account
// cap (lib/auth/sign-in-throttle.ts), and audit. Every refusal costs one argon2id verification;
// the account-level refusals (unknown, disabled, capped) answer exactly like a wrong passphrase.
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
  releaseAccountFailure,
  reserveAccountFailure,
  reserveDeviceFailure,
  reserveSourceFailure,
  STAFF_THROTTLE,
} from "@/lib/auth/sign-in-throttle";

export type StaffSignInResult =
  /** `deviceToken`: the device cookie for this browser, bound to the passphrase just used. */
  | { ok: true; staffUserId: number; deviceToken: string }
  | { ok: false; reason: "invalid" | "rate_limited" };

export interface StaffSignInOptions {
  /** The browser's device cookie (lib/auth/device-cookie.ts), if it sent one. */
  deviceToken?: string | null;
}

export function staffEmailKey(emailInput: string): string {
  return emailInput.trim().toLowerCase();
}

export async function authenticateStaff(
  emailInput: string,
  password: string,
  ip: string,
  options: StaffSignInOptions = {},
): Promise<StaffSignInResult> {
  const email = staffEmailKey(emailInput);
  const actor = { type: "ANONYMOUS" as const, label: email, ip };
  // Both are keyed by what the caller controls (address, typed e-mail), never by whether the
  // account exists, so saying "too many attempts" here reveals nothing.
  // Per address, any name: counts attempts, and a right password gives its hit back, so a
  // school office or a mobile network behind one address is never limited by its own sign-ins.
  const ipKey = `staff-sign-in:ip:${throttleSource(ip)}`;
  const ipAllowed = (await hitRateLimit({ key: ipKey, limit: 30, windowSeconds: 15 * 60 })).allowed;
  const sourceAllowed = ipAllowed && (await reserveSourceFailure("staff", email, ip));
  if (!sourceAllowed) {
    await verifyAgainstDummy(password);
    await recordAuditEvent(prisma, { actor, action: "staff.sign-in.rate-limited" });
    metrics.signInFailures.inc({ scope: "staff", kind: "rate-limited" });
    return { ok: false, reason: "rate_limited" };
  }
  const user = await prisma.staffUser.findUnique({ where: { email } });
  if (!user) {
    await verifyAgainstDummy(password);
    await recordAuditEvent(prisma, { actor, action: "staff.sign-in.failed", details: { reason: "unknown" } });
    metrics.signInFailures.inc({ scope: "staff", kind: "unknown" });
    return { ok: false, reason: "invalid" };
  }
  const staffActor = { ...actor, type: "STAFF" as const, id: user.id };
  const device = readDeviceToken("staff", options.deviceToken, user.passwordHash);
  const trusted = device !== null && device.accountId === user.id;
  const reservation = await reserveAccountFailure(STAFF_THROTTLE, user.id, trusted);
  const deviceAllowed = !(reservation.reserved && reservation.capped) || (await reserveDeviceFailure("staff", device!.deviceId, user.id));
  // Verified on every path, so a capped account costs the same time as a wrong passphrase.
  const passwordMatches = await verifySecret(user.passwordHash, password);

  if (!reservation.reserved || !deviceAllowed) {
    if (reservation.reserved) await releaseAccountFailure(STAFF_THROTTLE, user.id);
    await recordAuditEvent(prisma, { actor: staffActor, action: "staff.sign-in.failed", details: { reason: "locked", trustedDevice: trusted } });
    metrics.signInFailures.inc({ scope: "staff", kind: "locked" });
    return { ok: false, reason: "invalid" };
  }
  if (!passwordMatches || user.disabled) {
    let lockedNow = false;
    if (passwordMatches) await releaseAccountFailure(STAFF_THROTTLE, user.id);
    else lockedNow = await confirmAccountFailure(STAFF_THROTTLE, user.id);
    await recordAuditEvent(prisma, {
      actor: staffActor,
      action: "staff.sign-in.failed",
      details: { reason: user.disabled ? "disabled" : "password" },
    });
    if (lockedNow) {
      await recordAuditEvent(prisma, { actor: staffActor, action: "staff.sign-in.locked", details: { cap: STAFF_THROTTLE.cap } });
    }
    metrics.signInFailures.inc({ scope: "staff", kind: user.disabled ? "disabled" : "password" });
    return { ok: false, reason: "invalid" };
  }
  await giveBackRateLimitHit(ipKey);
  await forgiveSourceFailures("staff", email, ip);
  if (trusted) await forgiveDeviceFailures("staff", device.deviceId);
  await releaseAccountFailure(STAFF_THROTTLE, user.id);
  await prisma.$transaction(async (tx) => {
    await tx.staffUser.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    await recordAuditEvent(tx, { actor: { type: "STAFF", id: user.id, label: user.email, ip }, action: "staff.sign-in" });
  });
  return { ok: true, staffUserId: user.id, deviceToken: deviceToken("staff", user.id, user.passwordHash!) };
}
