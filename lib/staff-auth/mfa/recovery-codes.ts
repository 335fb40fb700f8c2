// Ten single-use recovery codes, shown once, for when the authenticator is out of reach.
// Each is 16 characters from a 30-letter alphabet without look-alikes (about 78 bits, over
// NIST's 64), stored only as argon2id hashes with their own salt (ASVS 6.5.2: under 112 bits
// needs a password hash). Because the codes are random, light argon2 parameters suffice
// (NIST SP 800-63B-4 section 4.2.1.1), which keeps checking all ten cheap.
import { hash, verify } from "@node-rs/argon2";
import type { Tx } from "@/lib/db";
import { randomString } from "@/lib/security/random-secret";

export const RECOVERY_CODE_COUNT = 10;
export const RECOVERY_CODES_LOW = 3;
const ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
const LENGTH = 16;
const OPTIONS = { algorithm: 2, memoryCost: 4096, timeCost: 2, parallelism: 1 } as const;

/** What the person typed, without spaces, hyphens or case; "" when it cannot be a code. */
export function normalizeRecoveryCode(typed: string): string {
  const code = typed.toUpperCase().replace(/[\s-]+/g, "");
  return code.length === LENGTH && [...code].every((char) => ALPHABET.includes(char)) ? code : "";
}

/** XXXX-XXXX-XXXX-XXXX, as shown once. */
export function formatRecoveryCode(code: string): string {
  return code.match(/.{4}/g)!.join("-");
}

/** The stored form of a code (argon2id, own salt). */
export function hashRecoveryCode(code: string): Promise<string> {
  return hash(normalizeRecoveryCode(code), OPTIONS);
}

/** A new set of ten; every earlier code of the person stops working in the same transaction. */
export async function replaceRecoveryCodes(tx: Tx, staffUserId: number): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => randomString(LENGTH, ALPHABET));
  const hashes = await Promise.all(codes.map((code) => hashRecoveryCode(code)));
  await tx.staffRecoveryCode.deleteMany({ where: { staffUserId } });
  await tx.staffRecoveryCode.createMany({ data: hashes.map((codeHash) => ({ staffUserId, codeHash })) });
  return codes.map(formatRecoveryCode);
}

/** Uses up the matching unused code; false when none matches. Locks the person's codes first. */
export async function redeemRecoveryCode(tx: Tx, staffUserId: number, typed: string, now = new Date()): Promise<boolean> {
  await tx.$queryRaw`SELECT id FROM "StaffRecoveryCode" WHERE "staffUserId" = ${staffUserId} AND "usedAt" IS NULL FOR UPDATE`;
  const unused = await tx.staffRecoveryCode.findMany({ where: { staffUserId, usedAt: null }, orderBy: { id: "asc" } });
  const code = normalizeRecoveryCode(typed);
  let match: number | null = null;
  // Every unused code is checked, so the time taken does not say which one matched.
  for (const row of unused) {
    const same = code !== "" && (await verify(row.codeHash, code).catch(() => false));
    if (same && match === null) match = row.id;
  }
  if (match === null) return false;
  await tx.staffRecoveryCode.update({ where: { id: match }, data: { usedAt: now } });
  return true;
}
