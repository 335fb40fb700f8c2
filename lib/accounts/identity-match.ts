// How a parent proves who they are when (re-)registering: the child's student ID and their
// own first and last name as the school has them on record. Names are compared the way the
// console's search folds them (compactName): case, accents, spaces, apostrophes, hyphens and
// other punctuation do not matter, so "Garcia", "OBrien" and "Nunez Lopez" typed on a phone
// match García, O'Brien and Núñez-López. Letters themselves must all be there, in order:
// "Maria" is not "María José", and first and last name are not interchangeable. Student IDs
// stay exact apart from surrounding spaces and letter case.
import { compactName } from "@/lib/text/fold-name";

/** The comparison form of a typed or recorded student ID. */
export function matchKey(value: string): string {
  return value.normalize("NFC").trim().toLowerCase().normalize("NFC");
}

export interface PersonName {
  firstName: string;
  lastName: string;
}

/** Equal compact forms; a name with no letter or digit at all (".", "-") proves nothing. */
function sameName(recorded: string, typed: string): boolean {
  const key = compactName(recorded);
  return key.length > 0 && key === compactName(typed);
}

export function namesMatch(recorded: PersonName, typed: PersonName): boolean {
  return sameName(recorded.firstName, typed.firstName) && sameName(recorded.lastName, typed.lastName);
}

/** Student IDs as typed, compared case-insensitively, without duplicates, in input order. */
export function distinctStudentIds(typed: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of typed) {
    const key = matchKey(value);
    if (key && !seen.has(key)) {
      seen.add(key);
      out.push(key);
    }
  }
  return out;
}
