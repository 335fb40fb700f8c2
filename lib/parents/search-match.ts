// What the grid shows of a search match: a short label ("student ID 004512", "e-mail", "last
// name starts with") and which characters of the displayed name the typed text covered, with
// the same folding as the search (case, accents, spaces and punctuation do not count).
import { compactName } from "@/lib/text/fold-name";
import { KEY_SEPARATOR } from "@/lib/text/fold-name";
import { nameKeyPrefix } from "@/lib/parents/search-probes";
import type { MatchKind } from "@/lib/parents/search-probes";

export function matchLabel(kind: MatchKind, row: { studentNumber: string }): string {
  switch (kind) {
    case "name":
      return "name starts with";
    case "lastNameWord":
      return "last name starts with";
    case "studentNumber":
      return `student ID ${row.studentNumber}`;
    case "email":
      return "e-mail";
    case "username":
      return "username";
    case "phone":
      return "phone";
  }
}

export type Span = readonly [start: number, end: number];

/** Where in `text`, from `start`, the folded characters spell `prefix` (the end index), or null. */
function prefixEnd(text: string, start: number, prefix: string): number | null {
  if (!prefix) return start;
  let spelled = "";
  for (let index = start; index < text.length; index++) {
    spelled += compactName(text[index]!);
    if (spelled.length >= prefix.length) return spelled.startsWith(prefix) ? index + 1 : null;
    if (!prefix.startsWith(spelled)) return null;
  }
  return null;
}

/** Index of each word of a last name after the first ("García López" -> [7]). */
function laterWordStarts(lastName: string): number[] {
  const starts: number[] = [];
  for (let index = 1; index < lastName.length; index++) {
    if (compactName(lastName[index - 1]!) === "" && compactName(lastName[index]!) !== "") starts.push(index);
  }
  return starts.filter((start) => compactName(lastName.slice(0, start)) !== "");
}

/** The highlighted spans of the last and first name for a name or last-name-word match. */
export function nameHighlights(
  kind: MatchKind,
  q: string,
  row: { parentLastName: string; parentFirstName: string },
): { last: Span | null; first: Span | null } {
  const none = { last: null, first: null };
  const [lastPrefix = "", firstPrefix = ""] = nameKeyPrefix(q).split(KEY_SEPARATOR);
  if (kind === "name") {
    const lastEnd = prefixEnd(row.parentLastName, 0, lastPrefix);
    if (lastEnd === null) return none;
    if (!firstPrefix) return { last: [0, lastEnd], first: null };
    const firstEnd = prefixEnd(row.parentFirstName, 0, firstPrefix);
    return { last: [0, row.parentLastName.length], first: firstEnd === null ? null : [0, firstEnd] };
  }
  if (kind === "lastNameWord") {
    for (const start of laterWordStarts(row.parentLastName)) {
      const end = prefixEnd(row.parentLastName, start, lastPrefix);
      if (end !== null) return { last: [start, end], first: null };
    }
  }
  return none;
}
