// The district's OpenID Provider (issue 12) against a real relying party: openid-client talks
// to two production servers (scripts/serve.ts, as `npm start`) on one database, as behind a
// load balancer, with a hand-driven browser (tests/helpers/oidc-browser.ts) doing the
// sign-in. Discovery, code + PKCE, the ID token's and userinfo's claims (students scope),
// refresh rotation and reuse revoking the family, RP-initiated logout, a flow begun on one
// instance finished on the other, a student's sign-in and consent, and the refusals.
import { randomBytes } from "node:crypto";
import * as client from "openid-client";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startProductionServer, type ProductionServer } from "../../scripts/production-server";
import { createParentWithChild, createSchool, createStudent } from "../helpers/parent-fixtures";
import { OidcBrowser } from "../helpers/oidc-browser";
import { builtServerActions, callServerAction, FormArgument } from "../helpers/server-action-http";
import { createDatabaseFromTemplate } from "../helpers/test-database";
import { hashClientSecret } from "@/lib/oidc/client-secret";

const databaseUrl = await createDatabaseFromTemplate(inject("databaseServerUrl"), inject("templateDatabase"), "e2e_oidc");
process.env.DATABASE_URL = databaseUrl;

const { prisma } = await import("@/lib/db");
const { hashSecret } = await import("@/lib/security/password-hash");

const PARENT = { username: "oidc.parent", password: "oidc parent password 5521" };
const PENDING = { username: "oidc.pending", password: "Temp-Pass-7781" };
const STUDENT = { username: "oidc.student", password: "oidc student password 8812" };
/** Only for the limits test: no earlier attempt counted against its name. */
const LIMITED_STUDENT = { username: "oidc.student2", password: "oidc student password 9913" };
const WEB_APP = { clientId: "sis-web", secret: randomBytes(24).toString("base64url"), redirectUri: "https://sis.example.org/oidc/openid_connect_login" };
const MOBILE_APP = { clientId: "lunch-mobile", redirectUri: "https://lunch.example.org/callback", postLogout: "https://lunch.example.org/signed-out" };
const SCOPE = "openid profile email students";

let instanceA: ProductionServer;
let instanceB: ProductionServer;
let parentSub: string;
let childNumbers: string[];
let otherFamilyNumber: string;

/** `publicUrl`: the district's one public address, when this instance is not the one listening on it. */
function startInstance(secret: string, publicUrl?: string): Promise<ProductionServer> {
  // One secret, one database, one public URL: two app servers of one district behind a load balancer.
  return startProductionServer({ databaseUrl, env: { NEXTAUTH_SECRET: secret, ROSTER_WORKER: "off", ...(publicUrl ? { PORTAL_URL: publicUrl } : {}) }, timeoutMs: 90_000 });
}

async function rp(server: ProductionServer, app: "web" | "mobile", secret = WEB_APP.secret): Promise<client.Configuration> {
  const options = { execute: [client.allowInsecureRequests] };
  return app === "web"
    ? client.discovery(new URL(`${server.baseUrl}/oidc`), WEB_APP.clientId, secret, client.ClientSecretBasic(secret), options)
    : client.discovery(new URL(`${server.baseUrl}/oidc`), MOBILE_APP.clientId, undefined, client.None(), options);
}

interface Started {
  url: URL;
  verifier: string;
  state: string;
  nonce: string;
}

async function authorizationUrl(config: client.Configuration, redirectUri: string, extra: Record<string, string> = {}): Promise<Started> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: SCOPE,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
    ...extra,
  });
  return { url, verifier, state, nonce };
}

/** The uid of the interaction a portal page was opened for (?app=). */
function appParam(url: URL): string {
  const uid = url.searchParams.get("app");
  expect(uid, `expected a portal step with ?app=, got ${url.href}`).toMatch(/^[A-Za-z0-9_-]{10,64}$/);
  return uid!;
}

/** Signs a parent in at `server` and returns the app's callback URL (code and state). */
async function parentSignIn(browser: OidcBrowser, started: Started): Promise<URL> {
  const login = await browser.follow(started.url);
  expect(login.url.pathname).toBe("/sign-in");
  const uid = appParam(login.url);
  expect(await browser.signInParent(PARENT.username, PARENT.password)).toBeNull();
  const back = await browser.follow(`/oidc/interaction/${uid}`);
  return back.url;
}

/** Every code and token the tests saw: none may appear in the servers' logs. */
const secretsSeen: string[] = [];

async function codeGrant(config: client.Configuration, callback: URL, started: Started) {
  secretsSeen.push(callback.searchParams.get("code") ?? "", started.verifier);
  const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: started.verifier, expectedState: started.state, expectedNonce: started.nonce, idTokenExpected: true });
  secretsSeen.push(tokens.access_token, tokens.refresh_token ?? "", tokens.id_token ?? "");
  return tokens;
}

beforeAll(async () => {
  const school = await createSchool(prisma, "Oidc Ridge Elementary");
  const passwordHash = await hashSecret(PARENT.password);
  const parent = await createParentWithChild(
    prisma,
    school.id,
    { firstName: "Olivia", lastName: "Idcfamily", email: "olivia.idc@example.com", preferredLocale: "es", account: { username: PARENT.username, passwordHash } },
    { firstName: "Oscar" },
  );
  // As after a Forgot Password or a first sign-in: the parent read mail sent to the address.
  await prisma.parentAccount.update({ where: { id: parent.account!.id }, data: { verifiedEmail: "olivia.idc@example.com" } });
  await prisma.contact.update({ where: { id: parent.contact.id }, data: { sourcedId: "contact-sourced-oidc-1" } });
  // A second child linked to the parent, and one whose link the roster removed (not theirs any more).
  const second = await createStudent(prisma, school.id, { firstName: "Opal", lastName: "Idcfamily", grade: "3" });
  await prisma.studentContact.create({ data: { studentId: second.id, contactId: parent.contact.id, relationship: "Mother", parentKey: "idcfamily\u0001olivia" } });
  const removed = await createStudent(prisma, school.id, { firstName: "Gone", lastName: "Idcfamily" });
  await prisma.studentContact.create({ data: { studentId: removed.id, contactId: parent.contact.id, relationship: "Mother", parentKey: "idcfamily\u0001olivia", removedAt: new Date() } });
  const other = await createParentWithChild(prisma, school.id, { firstName: "Other", lastName: "Family", account: { username: "oidc.other", passwordHash } });
  otherFamilyNumber = other.student.studentNumber;
  childNumbers = [parent.student.studentNumber, second.studentNumber];
  parentSub = parent.account!.oidcSubject;
  await prisma.studentAccount.create({
    data: { studentId: parent.student.id, username: STUDENT.username, usernameKey: STUDENT.username, passwordHash: await hashSecret(STUDENT.password), createdByAccountId: parent.account!.id },
  });
  await prisma.studentAccount.create({
    data: { studentId: second.id, username: LIMITED_STUDENT.username, usernameKey: LIMITED_STUDENT.username, passwordHash: await hashSecret(LIMITED_STUDENT.password), createdByAccountId: parent.account!.id },
  });
  await createParentWithChild(prisma, school.id, {
    firstName: "Pending",
    lastName: "Idcfamily",
    account: { username: PENDING.username, status: "PENDING_PASSWORD_CHANGE", passwordHash: await hashSecret(PENDING.password) },
  });

  const secret = randomBytes(32).toString("hex");
  // Both apps are registered before the servers start, and read on every use: a later one works too.
  await prisma.oidcClient.create({
    data: {
      clientId: WEB_APP.clientId,
      name: "PowerSchool SIS (test)",
      secretHash: hashClientSecret(WEB_APP.secret),
      redirectUris: [WEB_APP.redirectUri],
      postLogoutRedirectUris: [],
      firstParty: true,
      scopes: ["openid", "profile", "email", "students"],
      identifierClaim: "sis_id",
    },
  });
  instanceA = await startInstance(secret);
  instanceB = await startInstance(secret, instanceA.baseUrl);
  await prisma.oidcClient.create({
    data: {
      clientId: MOBILE_APP.clientId,
      name: "Lunch Payments (test)",
      redirectUris: [MOBILE_APP.redirectUri],
      postLogoutRedirectUris: [MOBILE_APP.postLogout],
      firstParty: false,
      scopes: ["openid", "profile", "email"],
    },
  });
}, 240_000);

afterAll(async () => {
  await instanceA?.stop();
  await instanceB?.stop();
  await prisma.$disconnect();
});

describe("OpenID Provider", () => {
  it("publishes discovery under /oidc and at the site root: code flow only, S256 PKCE, back-channel logout, RS256/ES256", async () => {
    const config = await rp(instanceA, "web");
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(`${instanceA.baseUrl}/oidc`);
    expect(metadata.authorization_endpoint).toBe(`${instanceA.baseUrl}/oidc/auth`);
    expect(metadata.response_types_supported).toEqual(["code"]);
    expect(metadata.code_challenge_methods_supported).toEqual(["S256"]);
    expect(metadata.backchannel_logout_supported).toBe(true);
    expect(metadata.end_session_endpoint).toBe(`${instanceA.baseUrl}/oidc/session/end`);
    expect([...metadata.id_token_signing_alg_values_supported!].sort()).toEqual(["ES256", "RS256"]);
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(["openid", "students"]));
    const root = await fetch(`${instanceA.baseUrl}/.well-known/openid-configuration`);
    expect(root.status).toBe(200);
    expect(((await root.json()) as { issuer: string }).issuer).toBe(`${instanceA.baseUrl}/oidc`);
    // A Host header of the client's choosing never steers the endpoints.
    const steered = await fetch(`${instanceA.baseUrl}/oidc/.well-known/openid-configuration`, { headers: { "X-Forwarded-Host": "attacker.example", "X-Forwarded-Proto": "https" } });
    expect(JSON.stringify(await steered.json())).not.toContain("attacker.example");
    const jwks = (await (await fetch(metadata.jwks_uri!)).json()) as { keys: { kty: string; d?: string }[] };
    expect(jwks.keys.map((key) => key.kty).sort()).toEqual(["EC", "RSA"]);
    expect(jwks.keys.every((key) => key.d === undefined)).toBe(true);
  });

  it("signs a parent in with code + PKCE: ID token and userinfo carry the claims, the students scope (userinfo only) only their active children", async () => {
    const config = await rp(instanceA, "web");
    const browser = new OidcBrowser(instanceA.baseUrl);
    const started = await authorizationUrl(config, WEB_APP.redirectUri);
    const callback = await parentSignIn(browser, started);
    expect(callback.href.startsWith(WEB_APP.redirectUri)).toBe(true);
    const tokens = await codeGrant(config, callback, started);
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({
      iss: `${instanceA.baseUrl}/oidc`,
      aud: WEB_APP.clientId,
      sub: parentSub,
      user_type: "parent",
      sis_id: "contact-sourced-oidc-1",
      email: "olivia.idc@example.com",
      email_verified: true,
      // A first-party app: the portal username too.
      preferred_username: PARENT.username,
      given_name: "Olivia",
      family_name: "Idcfamily",
      locale: "es",
    });
    const { payload, protectedHeader } = await jwtVerify(tokens.id_token!, createRemoteJWKSet(new URL(`${instanceA.baseUrl}/oidc/jwks`)), { issuer: `${instanceA.baseUrl}/oidc`, audience: WEB_APP.clientId });
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload.sub).toBe(parentSub);
    // Children's data only from userinfo: ID tokens travel back in logout URLs.
    expect(claims.students).toBeUndefined();

    const userinfo = await client.fetchUserInfo(config, tokens.access_token, parentSub);
    expect(userinfo).toMatchObject({ sub: parentSub, user_type: "parent", email: "olivia.idc@example.com" });
    const students = userinfo.students as { student_number: string; school: string; grade: string }[];
    expect(students.map((student) => student.student_number).sort()).toEqual([...childNumbers].sort());
    expect(students.map((student) => student.student_number)).not.toContain(otherFamilyNumber);
    expect(students[0]!.school).toBe("Oidc Ridge Elementary");

    const signIn = await prisma.oidcClientSignIn.findUnique({ where: { clientId_accountId: { clientId: WEB_APP.clientId, accountId: parentSub } } });
    expect(signIn?.userType).toBe("parent");
    expect(await prisma.auditEvent.count({ where: { action: "oidc.sign-in", details: { path: ["clientId"], equals: WEB_APP.clientId } } })).toBeGreaterThan(0);
  });

  it("rotates refresh tokens; a reused one revokes the whole family", async () => {
    const config = await rp(instanceA, "web");
    const browser = new OidcBrowser(instanceA.baseUrl);
    const started = await authorizationUrl(config, WEB_APP.redirectUri);
    const tokens = await codeGrant(config, await parentSignIn(browser, started), started);
    const first = tokens.refresh_token!;
    expect(first).toBeTruthy();
    const second = await client.refreshTokenGrant(config, first);
    expect(second.refresh_token).toBeTruthy();
    expect(second.refresh_token).not.toBe(first);
    // The rotated-away token again: refused, and the grant behind both is gone.
    await expect(client.refreshTokenGrant(config, first)).rejects.toMatchObject({ error: "invalid_grant" });
    await expect(client.refreshTokenGrant(config, second.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });
    await expect(client.fetchUserInfo(config, second.access_token, parentSub)).rejects.toBeDefined();
  });

  it("finishes on one instance a sign-in begun on the other (everything in PostgreSQL)", async () => {
    const configA = await rp(instanceA, "web");
    const started = await authorizationUrl(configA, WEB_APP.redirectUri);
    const browser = new OidcBrowser(instanceA.baseUrl);
    const login = await browser.follow(started.url);
    const uid = appParam(login.url);
    // The load balancer sends the rest to B (same public URL, same cookies).
    browser.backend = instanceB.baseUrl;
    expect(await browser.signInParent(PARENT.username, PARENT.password)).toBeNull();
    const back = await browser.follow(`/oidc/interaction/${uid}`);
    expect(back.url.href.startsWith(WEB_APP.redirectUri)).toBe(true);
    // A's token endpoint redeems the code B issued.
    const tokens = await codeGrant(configA, back.url, started);
    expect(tokens.claims()!.sub).toBe(parentSub);
  });

  it("signs a student in on their own page; a third-party app asks for consent first", async () => {
    const config = await rp(instanceA, "mobile");
    const browser = new OidcBrowser(instanceA.baseUrl);
    const started = await authorizationUrl(config, MOBILE_APP.redirectUri, { scope: "openid profile" });
    const login = await browser.follow(started.url);
    const uid = appParam(login.url);
    const wrong = await browser.postForm(`/oidc/interaction/${uid}/student-login`, { username: STUDENT.username, password: "not the password 1" });
    expect(wrong.url.pathname).toBe("/student-sign-in");
    expect(wrong.url.searchParams.get("error")).toBe("invalid");
    const consent = await browser.postForm(`/oidc/interaction/${uid}/student-login`, { username: STUDENT.username, password: STUDENT.password });
    expect(consent.url.pathname).toBe("/app-consent");
    expect(consent.body).toContain("Lunch Payments (test)");
    // The consent step is an interaction of its own.
    const callback = await browser.postForm(`/oidc/interaction/${appParam(consent.url)}/consent`, { decision: "allow" });
    expect(callback.url.href.startsWith(MOBILE_APP.redirectUri)).toBe(true);
    const tokens = await codeGrant(config, callback.url, started);
    expect(tokens.claims()).toMatchObject({ user_type: "student", given_name: "Oscar", family_name: "Idcfamily" });
    // Not the district's own app: names, not the portal username.
    expect(tokens.claims()!.preferred_username).toBeUndefined();
    expect(tokens.claims()!.email).toBeUndefined();
    expect(tokens.claims()!.students).toBeUndefined();
  });

  it("sends a parent with a temporary password to choose one, then on to the app", async () => {
    const config = await rp(instanceA, "web");
    const browser = new OidcBrowser(instanceA.baseUrl);
    const started = await authorizationUrl(config, WEB_APP.redirectUri);
    const login = await browser.follow(started.url);
    const uid = appParam(login.url);
    expect(await browser.signInParent(PENDING.username, PENDING.password)).toBeNull();
    const next = await browser.follow(`/oidc/interaction/${uid}`);
    expect(next.url.pathname).toBe("/change-password");
    expect(next.url.searchParams.get("app")).toBe(uid);
    // "Choose your password" posted (as without scripts), then on to the app.
    const action = builtServerActions().find((candidate) => candidate.name === "changePasswordFormAction")!;
    const chosen = "pending chose a long password 6612";
    const answer = await callServerAction(
      instanceA.baseUrl,
      action,
      [{ fieldErrors: {}, message: null }, new FormArgument({ newPassword: chosen, confirmPassword: chosen, app: uid })],
      browser.cookieHeader(next.url),
    );
    expect(answer).toEqual({ kind: "redirect", location: `/oidc/interaction/${uid}` });
    const callback = await browser.follow(`/oidc/interaction/${uid}`);
    expect(callback.url.href.startsWith(WEB_APP.redirectUri)).toBe(true);
    const pending = await prisma.parentAccount.findUniqueOrThrow({ where: { usernameKey: PENDING.username }, include: { contact: true } });
    // The temporary password was (as far as the portal knows) mailed to the address: now verified.
    expect((await codeGrant(config, callback.url, started)).claims()).toMatchObject({ sub: pending.oidcSubject, email: pending.contact.email, email_verified: true });
  });

  it("ends the session with RP-initiated logout: a silent sign-in afterwards needs a login", async () => {
    const config = await rp(instanceA, "mobile");
    const browser = new OidcBrowser(instanceA.baseUrl);
    const started = await authorizationUrl(config, MOBILE_APP.redirectUri, { scope: "openid" });
    const login = await browser.follow(started.url);
    const uid = appParam(login.url);
    // A new browser session: this app (not first-party) asks again.
    const consent = await browser.postForm(`/oidc/interaction/${uid}/student-login`, { username: STUDENT.username, password: STUDENT.password });
    expect(consent.url.pathname).toBe("/app-consent");
    const callback = await browser.postForm(`/oidc/interaction/${appParam(consent.url)}/consent`, { decision: "allow" });
    const tokens = await codeGrant(config, callback.url, started);

    const logout = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: MOBILE_APP.postLogout });
    const confirm = await browser.follow(logout);
    expect(confirm.response.status).toBe(200);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.body)?.[1];
    expect(xsrf).toBeTruthy();
    const action = /action="([^"]+)"/.exec(confirm.body)![1]!;
    const done = await browser.postForm(action, { xsrf: xsrf!, logout: "yes" });
    expect(done.url.href.startsWith(MOBILE_APP.postLogout)).toBe(true);

    const silent = await authorizationUrl(config, MOBILE_APP.redirectUri, { scope: "openid", prompt: "none" });
    const answer = await browser.follow(silent.url);
    expect(answer.url.searchParams.get("error")).toBe("login_required");
  });

  it("signs a parent into a second app without a password while signed in to the portal, and not after signing out of it", async () => {
    const config = await rp(instanceA, "web");
    const browser = new OidcBrowser(instanceA.baseUrl);
    const first = await authorizationUrl(config, WEB_APP.redirectUri);
    await codeGrant(config, await parentSignIn(browser, first), first);
    const again = await authorizationUrl(config, WEB_APP.redirectUri, { prompt: "none" });
    const silent = await browser.follow(again.url);
    expect(silent.url.searchParams.get("code")).toBeTruthy();
    await codeGrant(config, silent.url, again);

    await browser.signOutOfPortal();
    const after = await authorizationUrl(config, WEB_APP.redirectUri, { prompt: "none" });
    expect((await browser.follow(after.url)).url.searchParams.get("error")).toBe("login_required");
    // Without prompt=none: the portal's sign-in page, not the app.
    expect((await browser.follow((await authorizationUrl(config, WEB_APP.redirectUri)).url)).url.pathname).toBe("/sign-in");
  });

  it("refuses: an unregistered redirect URI, a public app without PKCE, a replayed code, an unknown app, a wrong secret", async () => {
    const config = await rp(instanceA, "web");
    const evil = await authorizationUrl(config, "https://attacker.example/callback");
    const refused = await new OidcBrowser(instanceA.baseUrl).follow(evil.url);
    expect(refused.response.status).toBe(400);
    expect(refused.url.origin).toBe(new URL(instanceA.baseUrl).origin);
    // Almost the registered one: matching is exact.
    const near = await new OidcBrowser(instanceA.baseUrl).follow((await authorizationUrl(config, `${WEB_APP.redirectUri}/`)).url);
    expect(near.response.status).toBe(400);

    const mobile = await rp(instanceA, "mobile");
    const noPkce = client.buildAuthorizationUrl(mobile, { redirect_uri: MOBILE_APP.redirectUri, scope: "openid", state: "s" });
    const answer = await new OidcBrowser(instanceA.baseUrl).follow(noPkce);
    expect(answer.url.href.startsWith(MOBILE_APP.redirectUri)).toBe(true);
    expect(answer.url.searchParams.get("error")).toBe("invalid_request");

    const unknown = new URL(noPkce);
    unknown.searchParams.set("client_id", "no-such-app");
    expect((await new OidcBrowser(instanceA.baseUrl).follow(unknown)).response.status).toBe(400);

    const started = await authorizationUrl(config, WEB_APP.redirectUri);
    const callback = await parentSignIn(new OidcBrowser(instanceA.baseUrl), started);
    const wrongSecret = await rp(instanceA, "web", "not-the-secret");
    await expect(codeGrant(wrongSecret, callback, started)).rejects.toMatchObject({ status: 401, cause: [{ parameters: { error: "invalid_client" } }] });
    await codeGrant(config, callback, started);
    await expect(codeGrant(config, callback, started)).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("refuses tokens of a login reset by staff, and a consent or student sign-in posted from another site", async () => {
    const config = await rp(instanceA, "web");
    const started = await authorizationUrl(config, WEB_APP.redirectUri);
    const tokens = await codeGrant(config, await parentSignIn(new OidcBrowser(instanceA.baseUrl), started), started);
    // findAccount refuses anything issued before the reset, even if rows were missed.
    await prisma.parentAccount.update({ where: { oidcSubject: parentSub }, data: { resetAt: new Date(Date.now() + 1000) } });
    try {
      await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });
      await expect(client.fetchUserInfo(config, tokens.access_token, parentSub)).rejects.toBeDefined();
    } finally {
      await prisma.parentAccount.update({ where: { oidcSubject: parentSub }, data: { resetAt: null } });
    }

    const mobile = await rp(instanceA, "mobile");
    const browser = new OidcBrowser(instanceA.baseUrl);
    const login = await browser.follow((await authorizationUrl(mobile, MOBILE_APP.redirectUri, { scope: "openid" })).url);
    const uid = appParam(login.url);
    const forged = await browser.request(`/oidc/interaction/${uid}/student-login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://attacker.example" },
      body: new URLSearchParams({ username: STUDENT.username, password: STUDENT.password }),
    });
    expect(forged.status).toBe(403);
  });

  it("keeps the student login step's limits: ten wrong passwords for a name, then 'too many' for it, as for a name that does not exist", async () => {
    const config = await rp(instanceA, "mobile");
    const browser = new OidcBrowser(instanceA.baseUrl);
    browser.backend = instanceB.baseUrl;
    const uid = appParam((await browser.follow((await authorizationUrl(config, MOBILE_APP.redirectUri, { scope: "openid" })).url)).url);
    for (const name of [LIMITED_STUDENT.username, "oidc.nobody"]) {
      const errors: (string | null)[] = [];
      for (let attempt = 0; attempt < 11; attempt++) {
        const answer = await browser.postForm(`/oidc/interaction/${uid}/student-login`, { username: name, password: `wrong password ${attempt}` });
        errors.push(answer.url.searchParams.get("error"));
      }
      expect(errors).toEqual([...Array(10).fill("invalid"), "rate_limited"]);
    }
    // Limited, the right password is refused too (and says nothing about the account).
    const answer = await browser.postForm(`/oidc/interaction/${uid}/student-login`, LIMITED_STUDENT);
    expect(answer.url.searchParams.get("error")).toBe("rate_limited");
  });

  it("logs each request's path with its /oidc prefix and never a code, token, secret or password", async () => {
    const output = `${instanceA.output()}${instanceB.output()}`;
    expect(output).toContain('"path":"/oidc/token"');
    expect(output).toContain('"path":"/oidc/auth"');
    const leaked = [...secretsSeen, WEB_APP.secret, PARENT.password, STUDENT.password].filter((secret) => secret.length > 8 && output.includes(secret));
    expect(leaked).toEqual([]);
  });
});
