// The authenticator app's shared secret must be readable by the server (it computes the
// expected code), so it cannot be hashed: it is sealed with AES-256-GCM under a key derived
// from NEXTAUTH_SECRET. A copy of the table alone yields no secret.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

const VERSION = "v1";

function key(): Buffer {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set (it also seals authenticator secrets)");
  return createHmac("sha256", secret).update("staff-totp-secret.v1").digest();
}

/** `v1.<iv>.<ciphertext>.<tag>`, base64url; the staff user id is bound as associated data. */
export function sealTotpSecret(secret: string, staffUserId: number): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(`staff:${staffUserId}`));
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), body.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** The secret, or null when the box was tampered with, moved to another person or sealed under another key. */
export function openTotpSecret(sealed: string, staffUserId: number): string | null {
  const [version, iv, body, tag] = sealed.split(".");
  if (version !== VERSION || !iv || !body || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(`staff:${staffUserId}`));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
