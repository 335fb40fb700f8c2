// A student login stands on the link between the child and the parent who made it
// (lib/accounts/student-login-link.ts). When this import removes such links (a custody order,
// a contact or a student leaving), the logins' sign-ins at the district's apps end in the
// import's own transaction: one set-based statement over the planned removals, however many.
import type pg from "pg";
import { revocationOf, revokeOidcAccessSql, type OidcRevocation } from "@/lib/oidc/revoke-oidc-access";

// The removed links reach their student logins through StudentAccount's unique studentId; the
// subject is the student's own.
const UNLINKED_STUDENT_SUBJECTS = `(
  SELECT coalesce(array_agg(s."oidcSubject"::text), '{}'::text[])
  FROM plan_link p
  JOIN "StudentAccount" sa ON sa."studentId" = p.student_id
  JOIN "Student" s ON s.id = p.student_id
  JOIN "ParentAccount" pa ON pa.id = sa."createdByAccountId" AND pa."contactId" = p.contact_id
  WHERE p.action = 'remove')`;

const REVOKE_UNLINKED = revokeOidcAccessSql(UNLINKED_STUDENT_SUBJECTS);

/** Runs after mergeLinks applied plan_link, before COMMIT. */
export async function revokeUnlinkedStudentLogins(client: pg.ClientBase): Promise<OidcRevocation> {
  const { rows } = await client.query<{ deleted: string; queued: string }>(REVOKE_UNLINKED);
  return revocationOf(rows[0]);
}
