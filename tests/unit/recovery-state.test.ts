// The signed Forgot Password flow state: forgery, tampering and expiry are all refused.
import { beforeAll, describe, expect, it } from "vitest";
import { codeStageToken, readRecoveryState, verifiedStageToken } from "@/lib/accounts/recovery/recovery-state";

beforeAll(() => {
  process.env.NEXTAUTH_SECRET ??= "unit-test-secret-for-recovery-state";
});

describe("recovery state tokens", () => {
  it("round-trip the code stage with only the typed username in it", () => {
    const token = codeStageToken("maria.g");
    expect(readRecoveryState(token)).toMatchObject({ s: "code", u: "maria.g" });
  });

  it("are different every time (a random nonce)", () => {
    expect(codeStageToken("maria.g")).not.toBe(codeStageToken("maria.g"));
  });

  it("round-trip the verified stage", () => {
    const token = verifiedStageToken({ accountId: 7, codeId: 9, username: "Maria.G" });
    expect(readRecoveryState(token)).toMatchObject({ s: "verified", a: 7, c: 9, u: "Maria.G" });
  });

  it("refuse a modified payload, a foreign signature and garbage", () => {
    const token = codeStageToken("maria.g");
    const [payload, signature] = token.split(".") as [string, string];
    const forged = Buffer.from(JSON.stringify({ s: "verified", a: 1, c: 1, u: "x", n: "n", e: Date.now() + 60_000 })).toString("base64url");
    expect(readRecoveryState(`${forged}.${signature}`)).toBeNull();
    expect(readRecoveryState(`${payload}.${signature.slice(0, -2)}AA`)).toBeNull();
    expect(readRecoveryState(`${payload}`)).toBeNull();
    expect(readRecoveryState(`${token}.extra`)).toBeNull();
    expect(readRecoveryState("not a token")).toBeNull();
    expect(readRecoveryState(undefined)).toBeNull();
    expect(readRecoveryState("a".repeat(5000))).toBeNull();
  });

  it("refuse tokens signed with another secret", () => {
    const token = codeStageToken("maria.g");
    const saved = process.env.NEXTAUTH_SECRET;
    process.env.NEXTAUTH_SECRET = "another-secret";
    try {
      expect(readRecoveryState(token)).toBeNull();
    } finally {
      process.env.NEXTAUTH_SECRET = saved;
    }
  });

  it("expire", () => {
    const issued = Date.now();
    const token = codeStageToken("maria.g", issued);
    expect(readRecoveryState(token, issued + 19 * 60_000)).not.toBeNull();
    expect(readRecoveryState(token, issued + 21 * 60_000)).toBeNull();
    const grant = verifiedStageToken({ accountId: 1, codeId: 2, username: "u" }, issued);
    expect(readRecoveryState(grant, issued + 16 * 60_000)).toBeNull();
  });
});
