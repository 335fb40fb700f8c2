// OWASP "device cookies": a browser where someone signed in successfully gets a signed token
// naming that account. While an account is past its failure cap (lib/auth/sign-in-throttle.ts)
// only such a browser may still try a password, so an attacker who spreads guesses over many
// addresses cannot keep the owner out of the devices they already use. HMAC-SHA256 with the
// server secret: it cannot be forged or moved to another account. The MAC also covers the
// account's current password hash (never put in the token), so any password change or reset
// retires every device cookie minted before it: a browser that knew an old password is no
// longer "the owner's".
import { createHmac, timingSafeEqual } from "node:crypto";
import { randomId } from "@/lib/security/random-secret";
import type { SignInScope } from "@/lib/auth/sign-in-throttle";

export const DEVICE_COOKIE_MAX_AGE_DAYS = 180;
export const DEVICE_COOKIE_NAMES: Record<SignInScope, string> = { staff: "console_device", parent: "portal_device", student: "student_device" };

export interface DeviceClaim {
  accountId: number;
  /** Identifies this browser's cookie (its own failure budget). */
  deviceId: string;
}

function secret(): string {
  const value = process.env.NEXTAUTH_SECRET;
  if (!value) throw new Error("NEXTAUTH_SECRET is not set (it also signs device cookies)");
  return value;
}

function mac(payload: string, credential: string): Buffer {
  return createHmac("sha256", secret()).update(`device-cookie.v2.${payload}`).update("\u0000").update(credential).digest();
}

/** A token for the account's browser, bound to its current password hash (`credential`). */
export function deviceToken(scope: SignInScope, accountId: number, credential: string, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + DEVICE_COOKIE_MAX_AGE_DAYS * 86_400;
  const payload = `${scope}.${accountId}.${expires}.${randomId(12)}`;
  return `${payload}.${mac(payload, credential).toString("base64url")}`;
}

/**
 * The account and device a token names, or null when it is malformed, forged, expired, for the
 * other scope, or minted before the account's password last changed (`credential` is the
 * account's current password hash; null when it has none).
 */
export function readDeviceToken(
  scope: SignInScope,
  token: string | null | undefined,
  credential: string | null,
  now = Date.now(),
): DeviceClaim | null {
  if (!token || token.length > 300 || !credential) return null;
  const parts = token.split(".");
  if (parts.length !== 5) return null;
  const [tokenScope, id, expires, deviceId, signature] = parts as [string, string, string, string, string];
  const payload = `${tokenScope}.${id}.${expires}.${deviceId}`;
  const expected = mac(payload, credential);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (tokenScope !== scope || !/^\d{1,10}$/.test(id) || !/^\d{1,12}$/.test(expires)) return null;
  if (Number(expires) * 1000 <= now) return null;
  return { accountId: Number(id), deviceId };
}

/** The device cookie's value from a raw Cookie header (what next-auth's authorize() receives). */
export function deviceCookieFromHeader(scope: SignInScope, cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  const name = DEVICE_COOKIE_NAMES[scope];
  for (const part of cookieHeader.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join("="));
    } catch {
      return null; // a malformed value (planted from a sibling domain, say) is no cookie at all
    }
  }
  return null;
}
