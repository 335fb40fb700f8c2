// argon2id for every stored secret that a person types (passwords, temporary passwords,
// security codes). Parameters follow OWASP's argon2id recommendation (19 MiB, t=2, p=1).
import { hash, verify } from "@node-rs/argon2";

// algorithm 2 = Argon2id (the package exports it as an ambient const enum).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashSecret(secret: string): Promise<string> {
  return hash(secret, OPTIONS);
}

/** A missing hash (no password chosen yet) never matches, after the same work as a real check. */
export async function verifySecret(storedHash: string | null, candidate: string): Promise<boolean> {
  if (storedHash === null) return verifyAgainstDummy(candidate);
  try {
    return await verify(storedHash, candidate);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a throw-away hash so that an unknown user name costs the same time
 * as a wrong password (no account enumeration by timing). Always resolves false.
 */
export async function verifyAgainstDummy(candidate: string): Promise<false> {
  dummyHash ??= hashSecret("dummy-password-for-timing-equalization");
  await verifySecret(await dummyHash, candidate);
  return false;
}
