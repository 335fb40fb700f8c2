// How a parent proves who they are when (re-)registering: the child's student ID and their
// own first and last name "exactly as recorded". Surrounding spaces and letter case are
// ignored and Unicode is compared in NFC (a composed "é" equals e + combining accent);
// everything else must match: no accent folding, "Garcia" is not "García".

/** The comparison form of a typed or recorded value. */
export function matchKey(value: string): string {
  return value.normalize("NFC").trim().toLowerCase().normalize("NFC");
}

export interface PersonName {
  firstName: string;
  lastName: string;
}

export function namesMatch(recorded: PersonName, typed: PersonName): boolean {
  return matchKey(recorded.firstName) === matchKey(typed.firstName) && matchKey(recorded.lastName) === matchKey(typed.lastName);
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
