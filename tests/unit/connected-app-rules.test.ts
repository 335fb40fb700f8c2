// Pure rules of issue 12's apps part: which URIs an app may register, which back-channel
// logout targets count as private, and the secret's shape.
import { describe, expect, it } from "vitest";
import { appUriProblem } from "@/lib/oidc/connected-app-schema";
import { allowedPrivateHosts, assertDeliverableTarget, isPrivateAddress, RefusedTargetError } from "@/lib/oidc/backchannel-target";
import { hashClientSecret, newClientId, newClientSecret } from "@/lib/oidc/client-secret";

const env = (values: Record<string, string>) => values as NodeJS.ProcessEnv;

describe("appUriProblem", () => {
  it("accepts https anywhere and http on this machine only", () => {
    expect(appUriProblem("https://ps.district.org/oidc/openid_connect_login")).toBeNull();
    expect(appUriProblem("http://localhost:3000/cb")).toBeNull();
    expect(appUriProblem("http://127.0.0.1/cb")).toBeNull();
    expect(appUriProblem("http://[::1]:8080/cb")).toBeNull();
    expect(appUriProblem("http://ps.district.org/cb")).toMatch(/must use https/);
    expect(appUriProblem("http://localhost.evil.example/cb")).toMatch(/must use https/);
  });
  it("refuses fragments, credentials, relative and non-web URIs", () => {
    expect(appUriProblem("https://a.example/cb#")).toMatch(/fragment/);
    expect(appUriProblem("https://user:pw@a.example/cb")).toMatch(/user name or password/);
    expect(appUriProblem("cb")).toMatch(/not an absolute URI/);
    expect(appUriProblem("javascript:alert(1)")).toMatch(/https/);
  });
});

describe("back-channel logout targets", () => {
  it("knows private, loopback and link-local addresses, v4, v6 and v4-mapped", () => {
    for (const address of ["10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "127.0.0.1", "169.254.169.254", "0.0.0.0", "100.64.0.1", "::1", "fd00::1", "fe80::1", "::ffff:10.0.0.1"]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ["8.8.8.8", "172.32.0.1", "2001:4860:4860::8888", "::ffff:8.8.8.8"]) expect(isPrivateAddress(address), address).toBe(false);
  });
  it("knows the ranges that carry an IPv4 address inside IPv6 (NAT64, 6to4, IPv4-compatible) and the benchmarking networks", () => {
    for (const address of ["64:ff9b::a00:1", "64:ff9b::7f00:1", "64:ff9b:1::1", "2002:a00:1::1", "2002:7f00:1::", "::a00:1", "198.18.0.1", "198.19.255.255", "224.0.0.1", "ff02::1"]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ["198.20.0.1", "2003::1", "64:ff9c::1"]) expect(isPrivateAddress(address), address).toBe(false);
  });
  it("allows the listed hosts, and the portal's own host only in demo mode", () => {
    expect([...allowedPrivateHosts(env({ OIDC_PRIVATE_APP_HOSTS: " SIS.district.internal , 10.20.0.15,," }))]).toEqual(["sis.district.internal", "10.20.0.15"]);
    expect(allowedPrivateHosts(env({ DEMO_MODE: "1", PORTAL_URL: "http://127.0.0.1:4123" })).has("127.0.0.1")).toBe(true);
    expect(allowedPrivateHosts(env({ PORTAL_URL: "https://portal.district.org" })).size).toBe(0);
  });
  it("refuses a private IP literal unless listed, without any lookup", async () => {
    await expect(assertDeliverableTarget("http://10.20.0.15/logout", env({}))).rejects.toBeInstanceOf(RefusedTargetError);
    await expect(assertDeliverableTarget("https://[fe80::1]/logout", env({}))).rejects.toBeInstanceOf(RefusedTargetError);
    await expect(assertDeliverableTarget("http://10.20.0.15/logout", env({ OIDC_PRIVATE_APP_HOSTS: "10.20.0.15" }))).resolves.toBeUndefined();
    await expect(assertDeliverableTarget("ftp://8.8.8.8/logout", env({}))).rejects.toBeInstanceOf(RefusedTargetError);
  });
});

describe("client ids and secrets", () => {
  it("makes 256-bit secrets stored as SHA-256 hex, and distinct ids", () => {
    const { secret, secretHash } = newClientSecret();
    expect(Buffer.from(secret, "base64url")).toHaveLength(32);
    expect(secretHash).toBe(hashClientSecret(secret));
    expect(secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(newClientSecret().secret).not.toBe(secret);
    expect(newClientId()).not.toBe(newClientId());
  });
});

describe("the reset toast", () => {
  it("says how many app sessions the reset ended, and nothing when none", async () => {
    const { describeResetOutcome } = await import("@/app/(staff)/console/(gated)/parents/_lib/describe-outcome");
    const outcome = { resetRows: 1, resetLogins: 1, alreadyReset: 0, noAccount: 0, noEmail: 0, emailsQueued: 1, studentAccountsRemoved: 0, sessionsEnded: 0, appLogoutsQueued: 0, notFound: 0 };
    expect(describeResetOutcome({ ...outcome, appLogoutsQueued: 2 }).description).toContain("Signed out of 2 app sessions");
    expect(describeResetOutcome(outcome).description).not.toContain("app session");
  });
});
