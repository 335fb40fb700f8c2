// Answers are compared after normalization, so "  New   York" and "new york" match and
// compatibility characters (full-width letters, ligatures) count as their plain forms:
// NFKC, case folded, trimmed, inner whitespace collapsed to one space.
export const SECURITY_ANSWER_MIN_LENGTH = 3;
export const SECURITY_ANSWER_MAX_LENGTH = 40;

export function normalizeSecurityAnswer(answer: string): string {
  // toLowerCase after NFKC, then NFKC again: lower-casing can produce composable sequences.
  return answer.normalize("NFKC").toLowerCase().normalize("NFKC").trim().replace(/\s+/gu, " ");
}

/** Length in characters (code points) of the normalized answer. */
export function securityAnswerLength(answer: string): number {
  return [...normalizeSecurityAnswer(answer)].length;
}

/** What is hashed: bound to its question, so an answer cannot be replayed against another one. */
export function securityAnswerHashInput(questionKey: string, answer: string): string {
  return `${questionKey}\u0000${normalizeSecurityAnswer(answer)}`;
}
