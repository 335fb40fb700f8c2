// next-auth's session token decoder with its key derived once per secret: next-auth's own
// `decode` runs HKDF on the secret for every request that carries a session cookie. Same
// derivation (HKDF-SHA256, empty salt, next-auth's info string, 32 bytes), same checks
// (JWE "dir" + A256GCM, expiry with 15 s tolerance), so it reads exactly the tokens next-auth
// writes and refuses the same ones.
import { createSecretKey, hkdfSync, type KeyObject } from "node:crypto";
import { jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams } from "next-auth/jwt";

const INFO = "NextAuth.js Generated Encryption Key";
let cached: { secret: string | Buffer; key: KeyObject } | undefined;

function encryptionKey(secret: string | Buffer): KeyObject {
  if (cached?.secret !== secret) cached = { secret, key: createSecretKey(Buffer.from(hkdfSync("sha256", secret, "", INFO, 32))) };
  return cached.key;
}

/** For getToken, which passes no salt (a session token's key has none). */
export async function decodeSessionToken({ token, secret, salt }: JWTDecodeParams): Promise<JWT | null> {
  if (salt) throw new Error("decodeSessionToken reads session tokens only (no salt)");
  if (!token) return null;
  const key = encryptionKey(secret);
  const { payload } = await jwtDecrypt(token, key, { clockTolerance: 15, keyManagementAlgorithms: ["dir"], contentEncryptionAlgorithms: ["A256GCM"] });
  return payload as JWT;
}
