// What a user's row says about its links, hashed: its kind (a contact's relationship falls back
// on it), its metadata.relationship and its agentSourcedIds in file order. Stored on the student
// or contact by every import that restates the user's side of its links; a bulk import then
// re-plans only the links of users whose digest differs (a nightly file where nearly nothing
// changed re-plans nearly nothing). The separators are control characters, which the reader
// removes from every value, so two different rows cannot give the same text.

/** SQL for the digest of the staged user `alias` (roster_user); NULL for a row that removes the user. */
export function linksDigestSql(alias: string): string {
  return `CASE WHEN ${alias}.status = 'active' THEN md5(concat(${alias}.kind, chr(1), COALESCE(${alias}.relationship, chr(3)), chr(1), array_to_string(${alias}.agent_ids, chr(2)))) END`;
}
