// The staff passphrase rules (NIST SP 800-63B-4 style), one for every way staff choose one
// (setup link, change your own): the district's minimum length, at most 256 characters, not a
// known common password, not the person's e-mail address (nor its part before the @). Returns
// the messages for the field (console text is English); empty means acceptable.
import { isCommonPassword, passwordLength } from "@/lib/accounts/password-policy";

export const STAFF_PASSPHRASE_MAX_LENGTH = 256;

export function checkStaffPassphrase(passphrase: string, options: { minLength: number; email: string }): string[] {
  const problems: string[] = [];
  const length = passwordLength(passphrase);
  if (length < options.minLength) problems.push(`Use at least ${options.minLength} characters.`);
  if (length > STAFF_PASSPHRASE_MAX_LENGTH) problems.push(`Use at most ${STAFF_PASSPHRASE_MAX_LENGTH} characters.`);
  const typed = passphrase.trim().toLowerCase();
  const email = options.email.trim().toLowerCase();
  if (typed === email || typed === email.split("@")[0]) problems.push("Do not use your e-mail address.");
  if (isCommonPassword(passphrase)) problems.push("This passphrase is too common. Choose another.");
  return problems;
}
