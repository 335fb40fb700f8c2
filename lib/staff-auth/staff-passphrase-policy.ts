// The staff passphrase rules (NIST SP 800-63B-4 style, ASVS 6.2.11's context words), one for
// every way staff choose one (setup link, change your own, self-service reset): the
// district's minimum length, at most 256 characters, not a known common password, and not
// containing the person's e-mail name (the part before the @) nor the district's name or a distinctive word of it. The
// context words are compared on letters and digits only, case- and accent-folded, so
// "Ida.Lead" hides neither in "idalead rocks" nor "IDA LEAD 2026". Returns the messages for
// the field (console text is English); empty means acceptable.
import { isCommonPassword, passwordLength } from "@/lib/accounts/password-policy";
import { STAFF_PASSPHRASE_EXAMPLE } from "@/lib/staff-auth/staff-passphrase-hint";

export { staffPassphraseHint } from "@/lib/staff-auth/staff-passphrase-hint";

export const STAFF_PASSPHRASE_MAX_LENGTH = 256;
/** Context words shorter than this (after folding) are too common to refuse. */
const MIN_CONTEXT_WORD = 3;

/** Lower case, accents removed, only letters and digits. */
export function foldForContextCheck(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

function contains(passphrase: string, word: string): boolean {
  const folded = foldForContextCheck(word);
  return folded.length >= MIN_CONTEXT_WORD && foldForContextCheck(passphrase).includes(folded);
}

// Words every district name has: refusing them would refuse ordinary sentences.
const GENERIC_DISTRICT_WORDS = new Set(["school", "schools", "district", "unified", "public", "county", "city", "independent", "consolidated", "community", "union", "high", "elementary", "academy", "board", "education", "department", "the", "and", "of"]);

/** The district's name, and each distinctive word of it ("Riverside" of "Riverside Unified School District"). */
function districtWords(districtName: string): string[] {
  const words = districtName.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 4 && !GENERIC_DISTRICT_WORDS.has(foldForContextCheck(word)));
  return [districtName, ...words];
}

export function checkStaffPassphrase(passphrase: string, options: { minLength: number; email: string; districtName: string }): string[] {
  const problems: string[] = [];
  const length = passwordLength(passphrase);
  if (length < options.minLength) problems.push(`Use at least ${options.minLength} characters, e.g. a short sentence such as "${STAFF_PASSPHRASE_EXAMPLE}".`);
  if (length > STAFF_PASSPHRASE_MAX_LENGTH) problems.push(`Use at most ${STAFF_PASSPHRASE_MAX_LENGTH} characters.`);
  const emailName = options.email.trim().split("@")[0] ?? "";
  if (contains(passphrase, emailName)) problems.push("Do not use your e-mail name in your passphrase.");
  if (districtWords(options.districtName).some((word) => contains(passphrase, word))) problems.push("Do not use the district's name in your passphrase.");
  if (isCommonPassword(passphrase)) problems.push("This passphrase is too common. Choose another.");
  return problems;
}
