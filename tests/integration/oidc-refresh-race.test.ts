// Single use under concurrency (review Medium 2): two requests presenting one refresh token, or
// one authorization code, at the same moment. oidc-provider checks `consumed` before it
// consumes, so the adapter's conditional update must decide: exactly one request succeeds, the
// other is a reuse (invalid_grant) and revokes the grant's family, as a later reuse does.
// The provider runs behind a real HTTP server (the portal's /oidc mount) on real PostgreSQL.

import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { handleOidcRequest } from "@/lib/oidc/mount";
import { oidcProvider } from "@/lib/oidc/provider";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";
import { hashClientSecret } from "@/lib/oidc/client-secret";

const APP = { clientId: "race-app", secret: "race app secret 0c1f9a7e", redirectUri: "https://race.example.org/cb" };
/** Requests presenting the same token at once (more than two, so the race is lost reliably without the fix). */
const CONCURRENT = 6;
let server: http.Server;
let baseUrl: string;
let sub: string;

beforeAll(async () => {
  const school = await createSchool(prisma);
  const parent = await createParentWithChild(prisma, school.id, { firstName: "Rae", lastName: "Racer", account: { username: "rae.racer" } });
  sub = parent.account!.oidcSubject;
  await prisma.oidcClient.create({
    data: {
      clientId: APP.clientId,
      name: "Race App",
      secretHash: hashClientSecret(APP.secret),
      redirectUris: [APP.redirectUri],
      postLogoutRedirectUris: [],
      scopes: ["openid", "offline_access"],
    },
  });
  server = http.createServer((req, res) => {
    handleOidcRequest(req, res, "127.0.0.1").then(
      (handled) => {
        if (!handled) res.writeHead(404).end();
      },
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** A grant with a refresh token and an authorization code of it, as a finished sign-in leaves them. */
async function issued() {
  const provider = await oidcProvider();
  const grant = new provider.Grant({ accountId: sub, clientId: APP.clientId });
  grant.addOIDCScope("openid offline_access");
  const grantId = await grant.save();
  const client = (await provider.Client.find(APP.clientId))!;
  const refreshToken = await new provider.RefreshToken({ accountId: sub, client, grantId, scope: "openid offline_access", gty: "authorization_code" }).save();
  const code = await new provider.AuthorizationCode({ accountId: sub, client, grantId, scope: "openid offline_access", redirectUri: APP.redirectUri, gty: "authorization_code" }).save();
  return { grantId, refreshToken, code };
}

async function token(params: Record<string, string>): Promise<{ status: number; body: Record<string, string> }> {
  const response = await fetch(`${baseUrl}/oidc/token`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${APP.clientId}:${APP.secret}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(params),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe("single-use codes and refresh tokens under concurrency", () => {
  it("concurrent refreshes with one refresh token: exactly one succeeds, the others are invalid_grant and revoke the family", async () => {
    const { grantId, refreshToken } = await issued();
    const answers = await Promise.all(Array.from({ length: CONCURRENT }, () => token({ grant_type: "refresh_token", refresh_token: refreshToken })));
    const succeeded = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status !== 200);
    expect(succeeded).toHaveLength(1);
    expect(refused).toEqual(Array(CONCURRENT - 1).fill({ status: 400, body: expect.objectContaining({ error: "invalid_grant" }) }));
    // A reuse revokes the grant: the winner's rotated refresh token dies with it.
    expect(await prisma.oidcPayload.count({ where: { model: "Grant", id: grantId } })).toBe(0);
    const next = await token({ grant_type: "refresh_token", refresh_token: succeeded[0]!.body.refresh_token! });
    expect(next).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });

  it("a refresh token used once, then again later: the later use is refused (unchanged sequential behaviour)", async () => {
    const { refreshToken } = await issued();
    const first = await token({ grant_type: "refresh_token", refresh_token: refreshToken });
    expect(first.status).toBe(200);
    expect((await token({ grant_type: "refresh_token", refresh_token: refreshToken })).body.error).toBe("invalid_grant");
    expect((await token({ grant_type: "refresh_token", refresh_token: first.body.refresh_token! })).body.error).toBe("invalid_grant");
  });

  it("one authorization code redeemed concurrently: exactly one request gets tokens", async () => {
    const { code } = await issued();
    const answers = await Promise.all(Array.from({ length: CONCURRENT }, () => token({ grant_type: "authorization_code", code, redirect_uri: APP.redirectUri })));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 400 && answer.body.error === "invalid_grant")).toHaveLength(CONCURRENT - 1);
  });
});

describe("client authentication (review Low 11)", () => {
  it("a confidential app authenticates with client_secret_basic or client_secret_post, as discovery advertises; a wrong secret either way is refused", async () => {
    const discovery = (await (await fetch(`${baseUrl}/oidc/.well-known/openid-configuration`)).json()) as { token_endpoint_auth_methods_supported: string[] };
    expect(discovery.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(["client_secret_basic", "client_secret_post"]));
    const { refreshToken } = await issued();
    const post = await fetch(`${baseUrl}/oidc/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken, client_id: APP.clientId, client_secret: APP.secret }),
    });
    expect(post.status).toBe(200);
    const wrong = await fetch(`${baseUrl}/oidc/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: ((await post.json()) as { refresh_token: string }).refresh_token, client_id: APP.clientId, client_secret: "wrong" }),
    });
    expect(((await wrong.json()) as { error: string }).error).toBe("invalid_client");
  });
});
