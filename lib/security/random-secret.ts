// CSPRNG-backed secrets: temporary passwords, numeric security codes, opaque ids.
import { randomBytes, randomInt, timingSafeEqual, createHash } from "node:crypto";

/** No look-alikes: without 0/O/o, 1/l/I, 5/S, 2/Z. */
export const TEMP_PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRTUVWXY346789";

export function randomString(length: number, alphabet: string): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export function randomDigits(length: number): string {
  return randomString(length, "0123456789");
}

export function randomId(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** For high-entropy tokens only (never for passwords or short codes: use argon2id). */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(sha256(a));
  const right = Buffer.from(sha256(b));
  return timingSafeEqual(left, right);
}
