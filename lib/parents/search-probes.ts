// What the one search box looks for, from what the agent typed: the caller's name (the whole
// name from its start, or any later word of a compound last name), a student ID, an e-mail, a
// username or a phone number. Pure: the SQL for each probe is in search-probe-sql.ts.
import { compactName, KEY_SEPARATOR } from "@/lib/text/fold-name";
import type { ParentSearch } from "@/lib/parents/search-schema";

export type MatchKind = "name" | "lastNameWord" | "studentNumber" | "email" | "username" | "phone";

/** One way a search can match a row; `value` is what the column is compared with. */
export interface SearchProbe {
  kind: MatchKind;
  value: string;
}

/** Probes in priority order (a row found twice is labelled with the first), or "everything". */
export type SearchPlan = { everything: true } | { everything: false; probes: SearchProbe[] };

/** A word needs this many letters before it is looked for inside compound last names. */
export const MIN_WORD_PREFIX = 3;
const MIN_PHONE_DIGITS = 7;
// North American numbers: the last 10 digits identify a number, "+1"/"1" in front or not.
const PHONE_SIGNIFICANT_DIGITS = 10;
const PHONE_FORMAT = /^\+?[\d\s().\-/]+$/;
const STUDENT_NUMBER = /^[0-9]{1,20}$/;
const USERNAME = /^[A-Za-z0-9._-]{4,32}$/;

/** "o'brien, pat" -> "obrien\u0001pat": the compact name key prefix the search matches. */
export function nameKeyPrefix(q: string): string {
  const comma = q.indexOf(",");
  if (comma < 0) return compactName(q);
  const last = compactName(q.slice(0, comma));
  const first = compactName(q.slice(comma + 1));
  if (!last) return "";
  return first ? `${last}${KEY_SEPARATOR}${first}` : last;
}

/** The digits of a phone number, reversed and cut to the significant ones (a key prefix). */
export function phoneKeyPrefix(value: string): string {
  const digits = value.replace(/[^0-9]/g, "");
  return digits.slice(-PHONE_SIGNIFICANT_DIGITS).split("").reverse().join("");
}

function textProbes(q: string): SearchProbe[] {
  if (q.includes("@")) return [{ kind: "email", value: q.toLowerCase() }];
  const probes: SearchProbe[] = [];
  if (STUDENT_NUMBER.test(q)) probes.push({ kind: "studentNumber", value: q });
  const digitCount = q.replace(/[^0-9]/g, "").length;
  if (PHONE_FORMAT.test(q) && digitCount >= MIN_PHONE_DIGITS) probes.push({ kind: "phone", value: phoneKeyPrefix(q) });
  if (probes.length > 0) return probes;
  const name = nameKeyPrefix(q);
  if (name) {
    probes.push({ kind: "name", value: name });
    if (!q.includes(",") && name.length >= MIN_WORD_PREFIX) probes.push({ kind: "lastNameWord", value: name });
  }
  if (USERNAME.test(q)) probes.push({ kind: "username", value: q.toLowerCase() });
  return probes;
}

/** Text wins over the letter; a letter browses by name; nothing at all shows everything. */
export function searchPlan(search: Pick<ParentSearch, "q" | "letter">): SearchPlan {
  if (search.q) return { everything: false, probes: textProbes(search.q) };
  if (search.letter === "all") return { everything: true };
  return { everything: false, probes: [{ kind: "name", value: search.letter.toLowerCase() }] };
}
