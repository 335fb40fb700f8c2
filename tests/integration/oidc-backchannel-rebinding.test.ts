// Back-channel logout and DNS rebinding (review Medium 4): the address a logout token is POSTed
// to is checked at connect time, by the connection's own lookup, not only before. A name
// server that answers a public address to the check and a private one to the connection (the
// rebinding trick) reaches nothing; a name the district allowed is reached at the address that
// lookup returned. The "internal service" is a real HTTP server on 127.0.0.1; the name server
// is played by an injected resolver (the names do not exist in real DNS).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertDeliverableTarget, RefusedTargetError, type ResolveHost } from "@/lib/oidc/backchannel-target";
import { postLogoutToken } from "@/lib/oidc/post-logout-token";

let server: Server;
let port: number;
const received: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    received.push(`${req.method} ${req.headers.host} ${req.url}`);
    req.resume();
    req.on("end", () => res.end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** No OIDC_PRIVATE_APP_HOSTS, no demo mode. */
const NO_ALLOWED = { NODE_ENV: "test" } as NodeJS.ProcessEnv;

/** Answers a public address the first time, then the loopback one. */
function rebindingResolver(): ResolveHost {
  let calls = 0;
  return async () => (calls++ === 0 ? [{ address: "203.0.113.10", family: 4 }] : [{ address: "127.0.0.1", family: 4 }]);
}

describe("back-channel logout delivery connects only to checked addresses", () => {
  it("a name that rebinds to a private address after the check reaches nothing", async () => {
    const resolve = rebindingResolver();
    const uri = `http://rebind.attacker.example:${port}/internal-admin`;
    await expect(assertDeliverableTarget(uri, NO_ALLOWED, resolve)).resolves.toBeUndefined();
    await expect(postLogoutToken(uri, "token", { timeoutMs: 5000, env: NO_ALLOWED, resolve })).rejects.toBeInstanceOf(RefusedTargetError);
    expect(received).toEqual([]);
  });

  it("a name resolving to a NAT64 address of a private one is refused", async () => {
    const resolve: ResolveHost = async () => [{ address: "64:ff9b::7f00:1", family: 6 }];
    await expect(assertDeliverableTarget("https://nat64.attacker.example/logout", NO_ALLOWED, resolve)).rejects.toBeInstanceOf(RefusedTargetError);
  });

  it("an allowed internal name is reached at the address its lookup returned, with its own Host header", async () => {
    const resolve: ResolveHost = async () => [{ address: "127.0.0.1", family: 4 }];
    const env = { ...NO_ALLOWED, OIDC_PRIVATE_APP_HOSTS: "sis.district.internal" };
    const status = await postLogoutToken(`http://sis.district.internal:${port}/backchannel`, "token", { timeoutMs: 5000, env, resolve });
    expect(status).toBe(200);
    expect(received).toEqual([`POST sis.district.internal:${port} /backchannel`]);
  });
});
