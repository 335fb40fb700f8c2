// "Reset means everywhere" (issue 12, item 6): inside the reset's own transaction, every OIDC
// artifact of the given subjects (sessions, grants, codes, tokens, interactions) is deleted,
// and one back-channel logout per (app with a back-channel logout URI, session sid) is queued;
// for a grant without a session, per sid its codes and tokens carry, and sub-only when none does. One
// set-based statement for all subjects: PostgreSQL's data-modifying CTEs see one snapshot,
// so the sessions' `authorizations` are read before the rows go. Nothing network happens
// here; lib/oidc/logout-delivery-worker.ts sends the queued logout tokens afterwards.
import type { Tx } from "@/lib/db";

export interface OidcRevocation {
  /** OidcPayload rows deleted (sessions, grants, codes, tokens, interactions). */
  artifactsDeleted: number;
  /** OidcLogoutDelivery rows queued. */
  logoutsQueued: number;
}

/**
 * The one revoking statement, for `subjectsSql`: a SQL expression of type text[] (a parameter,
 * or a subquery over the caller's own tables, as the roster import's). Shared by Prisma
 * transactions and the importer's pg client.
 */
export function revokeOidcAccessSql(subjectsSql: string): string {
  return `
    WITH targets AS (SELECT ${subjectsSql} AS ids),
    sessions AS (
      SELECT DISTINCT s."accountId", a.key AS "clientId", a.value->>'sid' AS sid
      FROM "OidcPayload" s CROSS JOIN LATERAL jsonb_each(
        CASE WHEN jsonb_typeof(s.payload->'authorizations') = 'object' THEN s.payload->'authorizations' ELSE '{}'::jsonb END
      ) AS a
      WHERE s."accountId" = ANY((SELECT ids FROM targets)::text[]) AND s.model = 'Session'
    ),
    grants AS (
      SELECT g.id, g."accountId", g.payload->>'clientId' AS "clientId"
      FROM "OidcPayload" g
      WHERE g."accountId" = ANY((SELECT ids FROM targets)::text[]) AND g.model = 'Grant'
    ),
    unsessioned AS (
      SELECT g.* FROM grants g
      WHERE g."clientId" IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s."accountId" = g."accountId" AND s."clientId" = g."clientId")
    ),
    grant_sids AS (
      -- Apps are registered with backchannel_logout_session_required, so their codes and tokens
      -- carry the sid the app knows the sign-in by, even once the browser session is gone.
      SELECT DISTINCT u."accountId", u."clientId", t.payload->>'sid' AS sid
      FROM unsessioned u JOIN "OidcPayload" t ON t."grantId" = u.id
      WHERE t.payload->>'sid' IS NOT NULL
    ),
    logouts AS (
      SELECT "accountId", "clientId", sid FROM sessions
      UNION
      SELECT "accountId", "clientId", sid FROM grant_sids
      UNION
      SELECT u."accountId", u."clientId", NULL FROM unsessioned u
      WHERE NOT EXISTS (SELECT 1 FROM grant_sids s WHERE s."accountId" = u."accountId" AND s."clientId" = u."clientId")
    ),
    queued AS (
      INSERT INTO "OidcLogoutDelivery" ("clientId", "accountId", sid)
      SELECT l."clientId", l."accountId", l.sid
      FROM logouts l JOIN "OidcClient" c ON c."clientId" = l."clientId"
      WHERE c."backchannelLogoutUri" IS NOT NULL
      RETURNING 1
    ),
    deleted AS (
      -- Tokens always carry accountId; the grantId arm also catches any artifact of their
      -- grants stored without one.
      DELETE FROM "OidcPayload" p
      WHERE p."accountId" = ANY((SELECT ids FROM targets)::text[])
         OR p."grantId" = ANY(ARRAY(SELECT id FROM grants))
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM deleted) AS deleted, (SELECT count(*) FROM queued) AS queued`;
}

export function revocationOf(row: { deleted: bigint | string | number; queued: bigint | string | number } | undefined): OidcRevocation {
  return { artifactsDeleted: Number(row?.deleted ?? 0), logoutsQueued: Number(row?.queued ?? 0) };
}

const REVOKE_SUBJECTS_SQL = revokeOidcAccessSql("$1::text[]");

/** `subjects` are provider account ids (ParentAccount/Student.oidcSubject as text). */
export async function revokeOidcAccess(tx: Tx, subjects: string[]): Promise<OidcRevocation> {
  if (subjects.length === 0) return { artifactsDeleted: 0, logoutsQueued: 0 };
  // Every arm reaches the rows through the accountId index (the subjects are one parameter,
  // read once through `targets`); nothing scans the whole table.
  const [row] = await tx.$queryRawUnsafe<{ deleted: bigint; queued: bigint }[]>(REVOKE_SUBJECTS_SQL, subjects);
  return revocationOf(row);
}
