// The predefined security questions (no custom questions: a person's own question tends to
// have a public answer). Keys are stored with the answers; texts may be reworded, keys never.
export const SECURITY_QUESTIONS = [
  { key: "first-school-city", text: "In what city was your first elementary school?" },
  { key: "childhood-street", text: "What was the name of the street you lived on as a child?" },
  { key: "first-concert", text: "What was the first concert you attended?" },
  { key: "first-car-model", text: "What was the make and model of your first car?" },
  { key: "parents-met-city", text: "In what city did your parents meet?" },
  { key: "childhood-friend", text: "What was the first name of your best friend as a child?" },
  { key: "first-job-employer", text: "What was the name of the company of your first job?" },
  { key: "favorite-teacher", text: "What was the last name of your favorite teacher?" },
  { key: "first-pet-name", text: "What was the name of your first pet?" },
  { key: "grandmother-maiden-name", text: "What is your oldest grandmother's maiden name?" },
] as const;

export type SecurityQuestionKey = (typeof SECURITY_QUESTIONS)[number]["key"];

export const SECURITY_QUESTION_KEYS = SECURITY_QUESTIONS.map((question) => question.key) as [SecurityQuestionKey, ...SecurityQuestionKey[]];

/** How many questions a person registers (and is asked at recovery). */
export const SECURITY_QUESTIONS_REQUIRED = 3;

export function securityQuestionText(key: string): string | undefined {
  return SECURITY_QUESTIONS.find((question) => question.key === key)?.text;
}
