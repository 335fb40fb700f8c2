// Six-digit security codes: drawn from the CSPRNG, stored only as an argon2id hash (a
// million codes are brute-forced offline in seconds with a fast hash), checked by argon2's
// constant-time verify. `hashUnusedCode` gives the "no account" path the same hashing cost.
import { hashSecret, verifyAgainstDummy, verifySecret } from "@/lib/security/password-hash";
import { randomDigits } from "@/lib/security/random-secret";
import { SECURITY_CODE_LENGTH } from "@/lib/accounts/recovery/recovery-limits";

export const SECURITY_CODE_PATTERN = new RegExp(`^\\d{${SECURITY_CODE_LENGTH}}$`);

export function generateSecurityCode(): string {
  return randomDigits(SECURITY_CODE_LENGTH);
}

export function hashSecurityCode(code: string): Promise<string> {
  return hashSecret(code);
}

/** Spends the same time as issuing a real code, for requests that issue none. */
export async function hashUnusedCode(): Promise<void> {
  await hashSecret(generateSecurityCode());
}

export async function verifySecurityCode(codeHash: string | null, candidate: string): Promise<boolean> {
  if (!SECURITY_CODE_PATTERN.test(candidate)) {
    await verifyAgainstDummy(candidate);
    return false;
  }
  if (codeHash === null) return verifyAgainstDummy(candidate);
  return verifySecret(codeHash, candidate);
}
