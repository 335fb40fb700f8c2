// Bulk reset timing: resetParentLogins on N rows of parents whose login is active, whole
// parents at a time (all their rows), so every selected row is really reset by the call.
import { performance } from "node:perf_hooks";
import type pg from "pg";
import { resetParentLogins, type ResetOutcome } from "@/lib/parents/reset-parent-logins";

export interface BulkResetResult {
  /** The batch's size cap (10,000); a batch cut at a parent boundary selects a few rows fewer. */
  batchSize: number;
  requestedRows: number;
  /** Sign-in provider rows (sessions, grants, codes, tokens) the reset had to revoke (issue 12). */
  providerRows: number;
  seconds: number;
  rowsPerSecond: number;
  outcome: ResetOutcome;
}

// Apps of the benchmark's own: two with a back-channel logout URI, one without.
const BENCH_APPS = ["bench-lunch", "bench-sis", "bench-library"];

/**
 * The batch's parents signed in to the district's apps, as in tests/integration/oidc-reset-revocation.test.ts:
 * one provider session at bench-lunch and bench-library, a grant without a session at bench-sis,
 * and a code, an access token and a refresh token per grant (13 rows per parent). Returns the rows added.
 */
export async function seedProviderRows(pool: pg.Pool, linkIds: number[]): Promise<number> {
  await pool.query(
    `INSERT INTO "OidcClient" ("clientId", name, "redirectUris", "postLogoutRedirectUris", "backchannelLogoutUri", scopes, "updatedAt")
     SELECT app, app, ARRAY['https://' || app || '.example.org/cb'], '{}',
            CASE WHEN app = 'bench-library' THEN NULL ELSE 'https://' || app || '.example.org/bcl' END, '{openid}', now()
     FROM unnest($1::text[]) AS app ON CONFLICT ("clientId") DO NOTHING`,
    [BENCH_APPS],
  );
  const parents = `SELECT DISTINCT pa.id, pa."oidcSubject"::text AS sub FROM "StudentContact" sc
                   JOIN "ParentAccount" pa ON pa."contactId" = sc."contactId" WHERE sc.id = ANY($1::int[])`;
  const sessions = await pool.query(
    `INSERT INTO "OidcPayload" (model, id, payload, "accountId", uid, "expiresAt")
     SELECT 'Session', 'bench-sess-' || p.id, jsonb_build_object('accountId', p.sub, 'uid', 'bench-uid-' || p.id,
              'authorizations', jsonb_build_object(
                'bench-lunch', jsonb_build_object('sid', 'bench-sid-lunch-' || p.id, 'grantId', 'bench-grant-bench-lunch-' || p.id),
                'bench-library', jsonb_build_object('sid', 'bench-sid-library-' || p.id, 'grantId', 'bench-grant-bench-library-' || p.id))),
            p.sub, 'bench-uid-' || p.id, now() + interval '1 hour'
     FROM (${parents}) p`,
    [linkIds],
  );
  const grants = await pool.query(
    `INSERT INTO "OidcPayload" (model, id, payload, "accountId", "expiresAt")
     SELECT 'Grant', 'bench-grant-' || app || '-' || p.id, jsonb_build_object('accountId', p.sub, 'clientId', app), p.sub, now() + interval '14 days'
     FROM (${parents}) p CROSS JOIN unnest($2::text[]) AS app`,
    [linkIds, BENCH_APPS],
  );
  const artifacts = await pool.query(
    `INSERT INTO "OidcPayload" (model, id, payload, "accountId", "grantId", "expiresAt")
     SELECT t.model, 'bench-' || t.model || '-' || g.id, jsonb_build_object('accountId', g."accountId", 'grantId', g.id),
            g."accountId", g.id, now() + interval '1 hour'
     FROM "OidcPayload" g CROSS JOIN (VALUES ('AuthorizationCode'), ('AccessToken'), ('RefreshToken')) AS t(model)
     WHERE g.model = 'Grant' AND g.id LIKE 'bench-grant-%'`,
  );
  await pool.query(`ANALYZE "OidcPayload"`);
  return (sessions.rowCount ?? 0) + (grants.rowCount ?? 0) + (artifacts.rowCount ?? 0);
}

/** The logouts the reset queued go to hosts that do not exist: removed with the benchmark's apps. */
export async function removeBenchApps(pool: pg.Pool): Promise<void> {
  await pool.query(`DELETE FROM "OidcLogoutDelivery" WHERE "clientId" = ANY($1::text[])`, [BENCH_APPS]);
  await pool.query(`DELETE FROM "OidcPayload" WHERE id LIKE 'bench-%'`);
  await pool.query(`DELETE FROM "OidcClient" WHERE "clientId" = ANY($1::text[])`, [BENCH_APPS]);
}

/** Disjoint batches of link ids, each of at most `size` rows (the district's cap), cut at parent boundaries. */
export async function pickBatches(pool: pg.Pool, sizes: number[]): Promise<number[][]> {
  const wanted = sizes.reduce((sum, size) => sum + size, 0);
  const { rows } = await pool.query<{ id: number; contactId: number }>(
    `SELECT sc.id, sc."contactId" FROM "StudentContact" sc
     JOIN "ParentAccount" pa ON pa."contactId" = sc."contactId" AND pa.status = 'ACTIVE'
     WHERE sc."parentKey" >= 'c' COLLATE "C"
     ORDER BY sc."parentKey", sc."contactId", sc.id LIMIT $1`,
    [wanted + sizes.length * 10],
  );
  const batches: number[][] = [];
  let index = 0;
  for (const size of sizes) {
    const batch: number[] = [];
    while (index < rows.length && (batch.length < size || rows[index]!.contactId === rows[index - 1]?.contactId)) {
      batch.push(rows[index]!.id);
      index++;
    }
    // A parent whose rows straddle the size would take the batch over the cap: leave it out.
    while (batch.length > size) {
      const last = rows[index - 1]!.contactId;
      while (rows[index - 1]?.contactId === last && batch.length > 0) {
        batch.pop();
        index--;
      }
    }
    batches.push(batch);
  }
  return batches;
}

export async function timeBulkReset(
  batchSize: number,
  linkIds: number[],
  actor: { staffUserId: number; label: string },
  providerRows = 0,
): Promise<BulkResetResult> {
  const started = performance.now();
  const outcome = await resetParentLogins({ linkIds, actor: { ...actor, ip: "127.0.0.1" } });
  const seconds = (performance.now() - started) / 1000;
  return { batchSize, requestedRows: linkIds.length, providerRows, seconds, rowsPerSecond: outcome.resetRows / seconds, outcome };
}
