// Issue 12, item 6: a staff reset ends the parents' sign-ins to the district's other apps in
// its own transaction: their provider sessions, grants, codes and tokens are deleted, and one
// back-channel logout is queued per (app with a back-channel logout URI, session sid), plus a
// sub-only one where the parent holds a grant without a session, on a 10,000-parent bulk reset.
// Its time is measured by `npm run bench` (bulk reset of 10,000 rows with provider rows).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { resetParentLogins } from "@/lib/parents/reset-parent-logins";
import { revokeOidcAccess } from "@/lib/oidc/revoke-oidc-access";

const ROWS = 10_000;
let admin: pg.Client;
let staffUserId: number;

/** ROWS parents with a login and a child each (as the bulk-reset fault test seeds them). */
async function seedDistrict() {
  await admin.query(`INSERT INTO "School" (code, name) VALUES ('OIDC', 'Oidc Elementary')`);
  await admin.query(
    `INSERT INTO "Student" ("studentNumber", "firstName", "lastName", grade, "schoolId")
     SELECT 'O' || n, 'Kid' || n, 'Family' || n, '3', (SELECT id FROM "School") FROM generate_series(1, $1) n`,
    [ROWS],
  );
  await admin.query(
    `INSERT INTO "Contact" ("firstName", "lastName", email)
     SELECT 'Parent' || n, 'Family' || n, 'parent' || n || '@example.com' FROM generate_series(1, $1) n`,
    [ROWS],
  );
  await admin.query(
    `INSERT INTO "StudentContact" ("studentId", "contactId", relationship, "parentKey")
     SELECT s.id, c.id, 'Mother', lower(c."lastName" || ' ' || c."firstName")
     FROM "Student" s JOIN "Contact" c ON c.email = 'parent' || substr(s."studentNumber", 2) || '@example.com'`,
  );
  await admin.query(
    `INSERT INTO "ParentAccount" ("contactId", username, "usernameKey", "passwordHash", "updatedAt")
     SELECT id, 'parent' || id, 'parent' || id, '$argon2id$placeholder', now() FROM "Contact"`,
  );
}

/**
 * Apps: "lunch" and "sis" have a back-channel logout URI, "library" has none. Every parent is
 * signed in to lunch and library in one provider session, and holds an offline grant at sis
 * without a session there; each grant has a code, an access token and a refresh token.
 */
async function seedProviderState() {
  await admin.query(
    `INSERT INTO "OidcClient" ("clientId", name, "redirectUris", "postLogoutRedirectUris", "backchannelLogoutUri", scopes, "updatedAt") VALUES
     ('lunch', 'Lunch', '{https://lunch.example.org/cb}', '{}', 'https://lunch.example.org/bcl', '{openid}', now()),
     ('sis', 'SIS', '{https://sis.example.org/cb}', '{}', 'https://sis.example.org/bcl', '{openid}', now()),
     ('library', 'Library', '{https://library.example.org/cb}', '{}', NULL, '{openid}', now())`,
  );
  await admin.query(
    `INSERT INTO "OidcPayload" (model, id, payload, "accountId", uid, "expiresAt")
     SELECT 'Session', 'sess-' || a.id, jsonb_build_object('accountId', a."oidcSubject"::text, 'uid', 'uid-' || a.id,
              'authorizations', jsonb_build_object(
                'lunch', jsonb_build_object('sid', 'sid-lunch-' || a.id, 'grantId', 'grant-lunch-' || a.id),
                'library', jsonb_build_object('sid', 'sid-library-' || a.id, 'grantId', 'grant-library-' || a.id))),
            a."oidcSubject"::text, 'uid-' || a.id, now() + interval '1 hour'
     FROM "ParentAccount" a`,
  );
  await admin.query(
    `INSERT INTO "OidcPayload" (model, id, payload, "accountId", "expiresAt")
     SELECT 'Grant', 'grant-' || c.app || '-' || a.id, jsonb_build_object('accountId', a."oidcSubject"::text, 'clientId', c.app),
            a."oidcSubject"::text, now() + interval '14 days'
     FROM "ParentAccount" a CROSS JOIN (VALUES ('lunch'), ('library'), ('sis')) AS c(app)`,
  );
  await admin.query(
    `INSERT INTO "OidcPayload" (model, id, payload, "accountId", "grantId", "expiresAt")
     SELECT t.model, t.model || '-' || g.id, jsonb_build_object('accountId', g."accountId", 'grantId', g.id),
            g."accountId", g.id, now() + interval '1 hour'
     FROM "OidcPayload" g CROSS JOIN (VALUES ('AuthorizationCode'), ('AccessToken'), ('RefreshToken')) AS t(model)
     WHERE g.model = 'Grant'`,
  );
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await seedDistrict();
  await seedProviderState();
  staffUserId = (await prisma.staffUser.create({ data: { email: "admin@district.org", name: "Admin", role: "SITE_ADMIN", passwordHash: "x" } })).id;
});
afterAll(async () => {
  await admin.end();
});

describe("revokeOidcAccess", () => {
  it("deletes one account's artifacts and queues its logouts, leaving everyone else's alone (rolled back)", async () => {
    const [first, second] = await prisma.parentAccount.findMany({ orderBy: { id: "asc" }, take: 2 });
    const rolledBack = new Error("roll back");
    let outcome: Awaited<ReturnType<typeof revokeOidcAccess>> | undefined;
    let rows: { clientId: string; accountId: string; sid: string | null }[] = [];
    let remainingSecond = 0;
    await prisma
      .$transaction(async (tx) => {
        outcome = await revokeOidcAccess(tx, [first!.oidcSubject]);
        rows = await tx.oidcLogoutDelivery.findMany({ select: { clientId: true, accountId: true, sid: true }, orderBy: { clientId: "asc" } });
        remainingSecond = await tx.oidcPayload.count({ where: { accountId: second!.oidcSubject } });
        throw rolledBack;
      })
      .catch((error: unknown) => {
        if (error !== rolledBack) throw error;
      });
    // Session + 3 grants + 3 artifacts per grant.
    expect(outcome).toEqual({ artifactsDeleted: 13, logoutsQueued: 2 });
    expect(rows).toEqual([
      { clientId: "lunch", accountId: first!.oidcSubject, sid: `sid-lunch-${first!.id}` },
      // No session at sis, only a grant: a sub-only logout token.
      { clientId: "sis", accountId: first!.oidcSubject, sid: null },
    ]);
    expect(remainingSecond).toBe(13);
  });
});

describe("a 10,000-parent bulk reset", () => {
  it("removes every provider artifact of the reset parents and queues their back-channel logouts in the same transaction", async () => {
    const before = await prisma.oidcPayload.count();
    expect(before).toBe(ROWS * 13);
    const links = await prisma.studentContact.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    const outcome = await resetParentLogins({ linkIds: links.map((link) => link.id), actor: { staffUserId, label: "admin@district.org", ip: "127.0.0.1" } });
    expect(outcome).toMatchObject({ resetLogins: ROWS, appLogoutsQueued: 2 * ROWS });
    expect(await prisma.oidcPayload.count()).toBe(0);
    const byApp = await prisma.oidcLogoutDelivery.groupBy({ by: ["clientId"], _count: { _all: true }, where: { status: "PENDING" } });
    expect(Object.fromEntries(byApp.map((row) => [row.clientId, row._count._all]))).toEqual({ lunch: ROWS, sis: ROWS });
    expect(await prisma.oidcLogoutDelivery.count({ where: { clientId: "lunch", sid: null } })).toBe(0);
    expect(await prisma.oidcLogoutDelivery.count({ where: { clientId: "sis", sid: { not: null } } })).toBe(0);
    const [event] = await prisma.auditEvent.findMany({ where: { action: "parent.reset" } });
    expect(event!.details).toMatchObject({ appLogoutsQueued: 2 * ROWS });
  });

  it("finds nothing to revoke for parents holding no provider rows (any more)", async () => {
    expect(await prisma.oidcPayload.count()).toBe(0);
    const subjects = (await prisma.parentAccount.findMany({ select: { oidcSubject: true } })).map((account) => account.oidcSubject);
    const outcome = await prisma.$transaction((tx) => revokeOidcAccess(tx, subjects));
    expect(outcome).toEqual({ artifactsDeleted: 0, logoutsQueued: 0 });
  });
});
