// The provider's storage in PostgreSQL: the adapter (upsert, find, consume, expiry, revoke by
// grant, purge), the console's apps as clients (disabled = unknown, read on every lookup), and
// the signing keys (generated once even when asked at once, sealed, rotated with the retired
// ones still published, a logout token that verifies against the published keys).

import { createLocalJWKSet, jwtVerify, type JWK } from "jose";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { OidcClientAdapter, PostgresAdapter, purgeExpiredOidcPayloads } from "@/lib/oidc/adapter";
import { BACKCHANNEL_LOGOUT_EVENT, loadSigningJwks, rotateSigningKeys, signLogoutToken } from "@/lib/oidc/keys";
import { oidcIssuer } from "@/lib/oidc/issuer";
import { hashClientSecret } from "@/lib/oidc/client-secret";

const publicOf = ({ d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...rest }: JWK) => rest;

describe("PostgresAdapter", () => {
  it("stores, finds, consumes and expires payloads, with accountId and grantId copied out", async () => {
    const codes = new PostgresAdapter("AuthorizationCode");
    await codes.upsert("code-1", { accountId: "acc-1", grantId: "grant-1", clientId: "app" }, 60);
    expect(await codes.find("code-1")).toMatchObject({ accountId: "acc-1", grantId: "grant-1" });
    expect((await codes.find("code-1"))?.consumed).toBeUndefined();
    const row = await prisma.oidcPayload.findUniqueOrThrow({ where: { model_id: { model: "AuthorizationCode", id: "code-1" } } });
    expect([row.accountId, row.grantId]).toEqual(["acc-1", "grant-1"]);
    await codes.consume("code-1");
    expect((await codes.find("code-1"))?.consumed).toEqual(expect.any(Number));
    // Another model's row of the same id is another row.
    expect(await new PostgresAdapter("AccessToken").find("code-1")).toBeUndefined();

    await codes.upsert("code-old", { accountId: "acc-1" }, 60);
    await prisma.oidcPayload.update({ where: { model_id: { model: "AuthorizationCode", id: "code-old" } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await codes.find("code-old")).toBeUndefined();
    expect(await purgeExpiredOidcPayloads()).toBeGreaterThanOrEqual(1);
    expect(await prisma.oidcPayload.count({ where: { id: "code-old" } })).toBe(0);
    expect(await codes.find("code-1")).toBeDefined();
  });

  it("finds sessions by uid and revokes every token of a grant", async () => {
    const sessions = new PostgresAdapter("Session");
    await sessions.upsert("session-1", { uid: "uid-1", accountId: "acc-2" }, 3600);
    expect(await sessions.findByUid("uid-1")).toMatchObject({ accountId: "acc-2" });
    const tokens = new PostgresAdapter("RefreshToken");
    await tokens.upsert("rt-1", { grantId: "grant-2" }, 3600);
    await tokens.upsert("rt-2", { grantId: "grant-2" }, 3600);
    await tokens.upsert("rt-3", { grantId: "grant-3" }, 3600);
    await tokens.revokeByGrantId("grant-2");
    expect(await tokens.find("rt-1")).toBeUndefined();
    expect(await tokens.find("rt-2")).toBeUndefined();
    expect(await tokens.find("rt-3")).toBeDefined();
    await sessions.destroy("session-1");
    expect(await sessions.findByUid("uid-1")).toBeUndefined();
  });
});

describe("OidcClientAdapter", () => {
  it("reads the console's apps on every lookup: a change or a disable counts at once", async () => {
    const adapter = new OidcClientAdapter();
    expect(await adapter.find("storage-app")).toBeUndefined();
    await prisma.oidcClient.create({
      data: { clientId: "storage-app", name: "Storage App", secretHash: hashClientSecret("s"), redirectUris: ["https://a.example.org/cb"], postLogoutRedirectUris: [], scopes: ["openid"] },
    });
    expect(await adapter.find("storage-app")).toMatchObject({ client_id: "storage-app", redirect_uris: ["https://a.example.org/cb"] });
    await prisma.oidcClient.update({ where: { clientId: "storage-app" }, data: { redirectUris: ["https://b.example.org/cb"] } });
    expect(await adapter.find("storage-app")).toMatchObject({ redirect_uris: ["https://b.example.org/cb"] });
    await prisma.oidcClient.update({ where: { clientId: "storage-app" }, data: { disabledAt: new Date() } });
    expect(await adapter.find("storage-app")).toBeUndefined();
  });
});

describe("signing keys", () => {
  it("are made once (even when asked at once), sealed at rest, and rotated with the old ones still published", async () => {
    const [first, second] = await Promise.all([loadSigningJwks(), loadSigningJwks()]);
    expect(first.version).toBe(second.version);
    const rows = await prisma.oidcSigningKey.findMany();
    expect(rows.map((key) => key.alg).sort()).toEqual(["ES256", "RS256"]);
    for (const key of rows) expect(key.encryptedJwk).not.toContain('"d"');
    expect(first.keys.every((key) => typeof key.d === "string")).toBe(true);

    const token = await signLogoutToken({ clientId: "storage-app", sub: "00000000-0000-4000-8000-000000000001", sid: "sid-1" });
    const rotated = await rotateSigningKeys();
    expect(rotated.retired.sort()).toEqual(rows.map((key) => key.kid).sort());
    expect(rotated.active.some((kid) => rows.some((key) => key.kid === kid))).toBe(false);
    const after = await loadSigningJwks();
    // New keys sign (first), old ones stay published: a token signed before still verifies.
    expect(after.keys.slice(0, 2).map((key) => key.kid).sort()).toEqual(rotated.active.sort());
    const jwks = createLocalJWKSet({ keys: after.keys.map(publicOf) });
    const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer: oidcIssuer(), audience: "storage-app", typ: "logout+jwt", algorithms: ["RS256"] });
    expect(payload).toMatchObject({ sub: "00000000-0000-4000-8000-000000000001", sid: "sid-1", events: { [BACKCHANNEL_LOGOUT_EVENT]: {} } });
    expect(payload.nonce).toBeUndefined();
    expect(protectedHeader.kid).toBe(rows.find((key) => key.alg === "RS256")!.kid);
    // A logout token signed now uses the new RS256 key.
    const fresh = await signLogoutToken({ clientId: "storage-app", sub: "00000000-0000-4000-8000-000000000001" });
    expect((await jwtVerify(fresh, jwks)).protectedHeader.kid).toBe(rotated.active.find((kid) => kid.startsWith("rs256"))!);

    // Past removeAfter, a retired key leaves the published set.
    await prisma.oidcSigningKey.updateMany({ where: { retiredAt: { not: null } }, data: { removeAfter: new Date(Date.now() - 1000) } });
    expect((await loadSigningJwks()).keys.map((key) => key.kid).sort()).toEqual(rotated.active.sort());
  });
});
