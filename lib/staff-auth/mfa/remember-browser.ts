// "Don't ask again on this browser for N days": a cookie signed with the server secret that
// names the person and when it was given. Like the device cookie (lib/auth/device-cookie.ts)
// its MAC covers the person's current passphrase hash, so a passphrase change or reset retires
// it everywhere. The number of days is read when the cookie comes back, so lowering the
// district setting (or setting it to 0) takes effect at once. Never honoured for site admins
// (lib/staff-auth/mfa/staff-mfa-policy.ts).
import { createHmac, timingSafeEqual } from "node:crypto";

export const REMEMBER_BROWSER_COOKIE = "console_mfa_remember";

function mac(payload: string, passwordHash: string): Buffer {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set (it also signs remembered browsers)");
  return createHmac("sha256", secret).update(`mfa-remember.v1.${payload}`).update("\u0000").update(passwordHash).digest();
}

export function rememberBrowserToken(staffUserId: number, passwordHash: string, now = Date.now()): string {
  const payload = `${staffUserId}.${Math.floor(now / 1000)}`;
  return `${payload}.${mac(payload, passwordHash).toString("base64url")}`;
}

/** True when the token was given to this person, under their current passphrase, within `days`. */
export function browserIsRemembered(token: string | null | undefined, staffUserId: number, passwordHash: string | null, days: number, now = Date.now()): boolean {
  if (!token || token.length > 200 || !passwordHash || days <= 0) return false;
  const [id, issued, signature] = token.split(".");
  if (!id || !issued || !signature || !/^\d{1,10}$/.test(id) || !/^\d{1,12}$/.test(issued)) return false;
  const expected = mac(`${id}.${issued}`, passwordHash);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  const ageMs = now - Number(issued) * 1000;
  return Number(id) === staffUserId && ageMs >= 0 && ageMs < days * 86_400_000;
}
