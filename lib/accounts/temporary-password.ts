// Temporary passwords mailed at registration: 12 characters from an alphabet without
// look-alikes (52 symbols, log2(52^12) ≈ 68 bits), drawn with the CSPRNG.
import { randomString, TEMP_PASSWORD_ALPHABET } from "@/lib/security/random-secret";

export const TEMP_PASSWORD_LENGTH = 12;

export function generateTemporaryPassword(): string {
  return randomString(TEMP_PASSWORD_LENGTH, TEMP_PASSWORD_ALPHABET);
}

/** Bits of entropy of a uniformly random temporary password. */
export function temporaryPasswordEntropyBits(): number {
  return TEMP_PASSWORD_LENGTH * Math.log2(new Set(TEMP_PASSWORD_ALPHABET).size);
}
