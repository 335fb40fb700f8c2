// Issue 12, item 6: the back-channel logout worker against a real local HTTP server acting as
// the app. A delivered logout token is checked like an app would (jose, against the public
// half of the provider's signing keys, served as a JWKS by the app's server); a 500 is
// retried, a 4xx given up on, a private host outside OIDC_PRIVATE_APP_HOSTS never contacted.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRemoteJWKSet, jwtVerify, type JWK } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { loadSigningJwks } from "@/lib/oidc/keys";
import { oidcIssuer } from "@/lib/oidc/issuer";
import { processLogoutDeliveryBatch } from "@/lib/oidc/logout-delivery-worker";

const EVENT = "http://schemas.openid.net/event/backchannel-logout";
let server: Server;
let baseUrl: string;
/** What the app answers next (then 200 again), and every request it received. */
const answers: number[] = [];
const received: { path: string; contentType: string | undefined; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/jwks") {
      void loadSigningJwks().then(({ keys }) => {
        // Only the public members, as the provider publishes them.
        const publicKeys = keys.map(({ d, p, q, dp, dq, qi, ...rest }: JWK) => (void [d, p, q, dp, dq, qi], rest));
        res.setHeader("Content-Type", "application/json");
        res.end(JSON.stringify({ keys: publicKeys }));
      });
      return;
    }
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ path: req.url ?? "", contentType: req.headers["content-type"], body });
      res.statusCode = answers.shift() ?? 200;
      res.setHeader("Cache-Control", "no-store");
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(async () => {
  await prisma.$executeRawUnsafe(`TRUNCATE "OidcLogoutDelivery", "OidcClient", "AuditEvent" RESTART IDENTITY`);
  answers.length = 0;
  received.length = 0;
  process.env.OIDC_PRIVATE_APP_HOSTS = "127.0.0.1";
  await prisma.oidcClient.create({
    data: { clientId: "lunch-app", name: "Lunch", redirectUris: [`${baseUrl}/cb`], postLogoutRedirectUris: [], backchannelLogoutUri: `${baseUrl}/backchannel`, scopes: ["openid"] },
  });
});

async function verifyLogoutToken(body: string) {
  const token = new URLSearchParams(body).get("logout_token");
  expect(token).toBeTruthy();
  const { payload, protectedHeader } = await jwtVerify(token!, createRemoteJWKSet(new URL(`${baseUrl}/jwks`)), {
    issuer: oidcIssuer(),
    audience: "lunch-app",
    typ: "logout+jwt",
    algorithms: ["RS256"],
    requiredClaims: ["iat", "exp", "jti", "events"],
    maxTokenAge: "2 minutes",
  });
  expect(protectedHeader.typ).toBe("logout+jwt");
  expect(payload.events).toEqual({ [EVENT]: {} });
  expect(payload).not.toHaveProperty("nonce");
  return payload;
}

describe("processLogoutDeliveryBatch", () => {
  it("POSTs a valid signed logout token with sub and sid, marks the row sent and audits it", async () => {
    await prisma.oidcLogoutDelivery.create({ data: { clientId: "lunch-app", accountId: "subject-1", sid: "sid-1" } });
    expect(await processLogoutDeliveryBatch()).toEqual({ claimed: 1, delivered: 1, retried: 0, failed: 0 });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ path: "/backchannel", contentType: "application/x-www-form-urlencoded" });
    const payload = await verifyLogoutToken(received[0]!.body);
    expect(payload).toMatchObject({ sub: "subject-1", sid: "sid-1", aud: "lunch-app" });
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(120);
    expect(await prisma.oidcLogoutDelivery.findFirstOrThrow()).toMatchObject({ status: "SENT", attempts: 1, lastError: null, lockedUntil: null });
    const [event] = await prisma.auditEvent.findMany();
    expect(event).toMatchObject({ action: "app.backchannel-logout.delivered", actorType: "SYSTEM" });
    expect(event!.details).toMatchObject({ clientId: "lunch-app", subject: "subject-1", sid: "sid-1", attempts: 1 });
    expect(JSON.stringify(event!.details)).not.toContain(new URLSearchParams(received[0]!.body).get("logout_token"));
  });

  it("sends a sub-only token when no session is known", async () => {
    await prisma.oidcLogoutDelivery.create({ data: { clientId: "lunch-app", accountId: "subject-2", sid: null } });
    await processLogoutDeliveryBatch();
    const payload = await verifyLogoutToken(received[0]!.body);
    expect(payload.sub).toBe("subject-2");
    expect(payload).not.toHaveProperty("sid");
  });

  it("retries after a 500 with a fresh token, and delivers on the next attempt", async () => {
    answers.push(500);
    await prisma.oidcLogoutDelivery.create({ data: { clientId: "lunch-app", accountId: "subject-3", sid: "sid-3" } });
    expect(await processLogoutDeliveryBatch()).toMatchObject({ claimed: 1, retried: 1 });
    const waiting = await prisma.oidcLogoutDelivery.findFirstOrThrow();
    expect(waiting).toMatchObject({ status: "PENDING", attempts: 1, lastError: "HTTP 5xx" });
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    // Not due yet: nothing is claimed.
    expect(await processLogoutDeliveryBatch()).toMatchObject({ claimed: 0 });
    await prisma.oidcLogoutDelivery.updateMany({ data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    expect(await processLogoutDeliveryBatch()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(received).toHaveLength(2);
    const [first, second] = await Promise.all(received.map((request) => verifyLogoutToken(request.body)));
    expect(first!.jti).not.toBe(second!.jti);
    expect(await prisma.oidcLogoutDelivery.findFirstOrThrow()).toMatchObject({ status: "SENT", attempts: 2 });
    expect((await prisma.auditEvent.findMany()).map((event) => event.action)).toEqual(["app.backchannel-logout.delivered"]);
  });

  it("retries when the app cannot be reached", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await prisma.oidcClient.update({ where: { clientId: "lunch-app" }, data: { backchannelLogoutUri: `http://127.0.0.1:${port}/backchannel` } });
    await prisma.oidcLogoutDelivery.create({ data: { clientId: "lunch-app", accountId: "subject-4", sid: "sid-4" } });
    expect(await processLogoutDeliveryBatch()).toMatchObject({ retried: 1 });
    expect((await prisma.oidcLogoutDelivery.findFirstOrThrow()).lastError).toBe("no answer");
  });

  it("gives up at once on a 4xx and audits the failure", async () => {
    answers.push(400);
    await prisma.oidcLogoutDelivery.create({ data: { clientId: "lunch-app", accountId: "subject-5", sid: "sid-5" } });
    expect(await processLogoutDeliveryBatch()).toMatchObject({ failed: 1 });
    expect(await prisma.oidcLogoutDelivery.findFirstOrThrow()).toMatchObject({ status: "FAILED", attempts: 1, lastError: "HTTP 4xx" });
    const [event] = await prisma.auditEvent.findMany();
    expect(event).toMatchObject({ action: "app.backchannel-logout.failed" });
    expect(event!.details).toMatchObject({ error: "HTTP 4xx" });
  });

  it("never contacts a private address that the district has not allowed", async () => {
    process.env.OIDC_PRIVATE_APP_HOSTS = "";
    await prisma.oidcLogoutDelivery.create({ data: { clientId: "lunch-app", accountId: "subject-6", sid: "sid-6" } });
    expect(await processLogoutDeliveryBatch()).toMatchObject({ failed: 1 });
    expect(received).toHaveLength(0);
    expect((await prisma.oidcLogoutDelivery.findFirstOrThrow()).lastError).toContain("OIDC_PRIVATE_APP_HOSTS");
  });

  it("gives up after the last attempt", async () => {
    answers.push(503);
    await prisma.oidcLogoutDelivery.create({ data: { clientId: "lunch-app", accountId: "subject-7", sid: "sid-7", attempts: 7 } });
    expect(await processLogoutDeliveryBatch()).toMatchObject({ failed: 1 });
    expect(await prisma.oidcLogoutDelivery.findFirstOrThrow()).toMatchObject({ status: "FAILED", attempts: 8, lastError: "HTTP 5xx" });
  });
});
