// Issue 12, item 6, end to end: a parent signed in to an app through the provider (openid-client,
// code + PKCE, against the production server) is reset by staff. The reset's transaction
// deletes the provider's grants, tokens and sessions, so the app's refresh token fails at once;
// the server's worker then POSTs a logout token to a real local HTTP server acting as the app,
// which checks it like an app must (jose, against the provider's published JWKS).
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as client from "openid-client";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eBaseUrl, e2eDatabaseUrl } from "../helpers/e2e-server";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";
import { OidcBrowser } from "../helpers/oidc-browser";
import { hashClientSecret } from "@/lib/oidc/client-secret";

process.env.DATABASE_URL = e2eDatabaseUrl();
const baseUrl = e2eBaseUrl();

const { prisma } = await import("@/lib/db");
const { hashSecret } = await import("@/lib/security/password-hash");
const { resetParentLogins } = await import("@/lib/parents/reset-parent-logins");

const EVENT = "http://schemas.openid.net/event/backchannel-logout";
const PARENT = { username: "bcl.parent", password: "backchannel parent password 4410" };
const APP = { clientId: "bcl-e2e-app", secret: randomBytes(32).toString("base64url"), redirectUri: "https://lunch.example.org/callback" };

let app: Server;
let appUrl: string;
const logoutBodies: string[] = [];
let linkId: number;
let subject: string;
let staffUserId: number;
let contactId: number;

beforeAll(async () => {
  // The app: records each back-channel logout and answers 200 (the worker's host 127.0.0.1 is
  // the portal's own in this demo-mode server, so the private-address rule lets it through).
  app = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      if (req.method === "POST" && req.url === "/backchannel-logout") logoutBodies.push(body);
      res.setHeader("Cache-Control", "no-store");
      res.end();
    });
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;

  const school = await createSchool(prisma, "Backchannel Elementary");
  const parent = await createParentWithChild(prisma, school.id, {
    firstName: "Bea",
    lastName: "Channel",
    email: "bea.channel@example.com",
    account: { username: PARENT.username, passwordHash: await hashSecret(PARENT.password) },
  });
  await prisma.parentAccount.update({ where: { id: parent.account!.id }, data: { tempPasswordUsedAt: new Date() } });
  linkId = parent.links[0]!.id;
  contactId = parent.contact.id;
  subject = parent.account!.oidcSubject;
  staffUserId = (await prisma.staffUser.create({ data: { email: "bcl.desk@riverside.example.org", name: "Desk", role: "HELP_DESK", passwordHash: "x" } })).id;
  await prisma.oidcClient.create({
    data: {
      clientId: APP.clientId,
      name: "Backchannel test app",
      secretHash: hashClientSecret(APP.secret),
      redirectUris: [APP.redirectUri],
      postLogoutRedirectUris: [],
      backchannelLogoutUri: `${appUrl}/backchannel-logout`,
      firstParty: true,
      scopes: ["openid", "profile", "email"],
    },
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => app.close(() => resolve()));
  await prisma.$disconnect();
});

async function waitForLogout(): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (logoutBodies.length > 0) return logoutBodies[0]!;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("no back-channel logout arrived");
}

describe("a staff reset ends the parent's sign-ins to apps", () => {
  it("makes the app's refresh token fail and delivers a valid back-channel logout token to the app", async () => {
    const config = await client.discovery(new URL(`${baseUrl}/oidc`), APP.clientId, APP.secret, client.ClientSecretBasic(APP.secret), {
      execute: [client.allowInsecureRequests],
    });
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: APP.redirectUri,
      scope: "openid profile email",
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    const browser = new OidcBrowser(baseUrl);
    const login = await browser.follow(url);
    expect(login.url.pathname).toBe("/sign-in");
    const uid = login.url.searchParams.get("app");
    expect(await browser.signInParent(PARENT.username, PARENT.password)).toBeNull();
    const callback = (await browser.follow(`/oidc/interaction/${uid}`)).url;
    expect(callback.href.startsWith(APP.redirectUri)).toBe(true);
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
    const claims = tokens.claims()!;
    expect(claims.sub).toBe(subject);
    expect(typeof claims.sid).toBe("string");
    expect(tokens.refresh_token).toBeTruthy();
    // The refresh token works before the reset (and rotates).
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(await prisma.oidcPayload.count({ where: { accountId: subject, model: "Session" } })).toBe(1);

    const outcome = await resetParentLogins({ linkIds: [linkId], actor: { staffUserId, label: "bcl.desk@riverside.example.org", ip: "127.0.0.1" } });
    expect(outcome).toMatchObject({ resetLogins: 1, appLogoutsQueued: 1 });
    expect(await prisma.oidcPayload.count({ where: { accountId: subject } })).toBe(0);
    await expect(client.refreshTokenGrant(config, refreshed.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });

    const body = await waitForLogout();
    const token = new URLSearchParams(body).get("logout_token")!;
    const metadata = config.serverMetadata();
    const { payload, protectedHeader } = await jwtVerify(token, createRemoteJWKSet(new URL(metadata.jwks_uri!)), {
      issuer: metadata.issuer,
      audience: APP.clientId,
      typ: "logout+jwt",
      algorithms: ["RS256"],
      requiredClaims: ["iat", "exp", "jti", "events"],
      maxTokenAge: "2 minutes",
    });
    expect(protectedHeader.typ).toBe("logout+jwt");
    expect(payload).toMatchObject({ iss: `${baseUrl}/oidc`, aud: APP.clientId, sub: subject, sid: claims.sid, events: { [EVENT]: {} } });
    expect(payload).not.toHaveProperty("nonce");

    const deadline = Date.now() + 10_000;
    let delivery = await prisma.oidcLogoutDelivery.findFirstOrThrow({ where: { clientId: APP.clientId } });
    while (delivery.status !== "SENT" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      delivery = await prisma.oidcLogoutDelivery.findFirstOrThrow({ where: { clientId: APP.clientId } });
    }
    expect(delivery).toMatchObject({ status: "SENT", accountId: subject, sid: claims.sid });
    const delivered = await prisma.auditEvent.findMany({ where: { action: "app.backchannel-logout.delivered", details: { path: ["clientId"], equals: APP.clientId } } });
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.contactIds).toEqual([contactId]);
  });
});
