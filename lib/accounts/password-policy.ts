// The parent-portal password policy (NIST SP 800-63B style): a minimum length the district
// sets, a generous maximum, not the username, not a known common password. No composition
// rules. Used by the first-sign-in change, the signed-in change and Forgot Password.
import { readFileSync } from "node:fs";
import path from "node:path";

import { DEFAULT_PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH } from "@/lib/accounts/password-policy-limits";

export { DEFAULT_PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH };

export type PasswordViolation = "too_short" | "too_long" | "same_as_username" | "common";

export interface PasswordPolicyOptions {
  username?: string | null;
  /** DistrictSettings.parentPasswordMinLength. */
  minLength?: number;
}

let commonPasswords: Set<string> | undefined;

/**
 * The common-password list (lib/accounts/common-passwords.txt, lower case, one per line),
 * read once per process. Read from the project root at run time rather than imported, so
 * 49,000 strings never end up in a bundle.
 */
export function commonPasswordSet(): Set<string> {
  if (!commonPasswords) {
    const file = path.join(process.cwd(), "lib", "accounts", "common-passwords.txt");
    const words = readFileSync(file, "utf8").split("\n");
    commonPasswords = new Set(words.map((word) => word.trim()).filter(Boolean));
  }
  return commonPasswords;
}

/** Length in characters as a person counts them (code points), not UTF-16 units. */
export function passwordLength(password: string): number {
  return [...password].length;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswordSet().has(password.trim().toLowerCase());
}

/** Every rule the password breaks, in a stable order; an empty list means it is acceptable. */
export function checkPassword(password: string, options: PasswordPolicyOptions = {}): PasswordViolation[] {
  const minLength = Math.max(1, options.minLength ?? DEFAULT_PASSWORD_MIN_LENGTH);
  const violations: PasswordViolation[] = [];
  const length = passwordLength(password);
  if (length < minLength) violations.push("too_short");
  if (length > PASSWORD_MAX_LENGTH) violations.push("too_long");
  const username = options.username?.trim().toLowerCase();
  if (username && password.trim().toLowerCase() === username) violations.push("same_as_username");
  if (isCommonPassword(password)) violations.push("common");
  return violations;
}
