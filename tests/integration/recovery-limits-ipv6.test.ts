// The per-address limits of the recovery flows count an IPv6 client per /64, like sign-in and
// self-service (lib/security/throttle-source.ts): one /64 holds 2^64 fresh "addresses", so
// counting single ones let the brakes on Forgot Username and on security-code guessing across
// accounts never trip (found by an attacker's review).
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { verifyPasswordResetCode } from "@/lib/accounts/recovery/verify-reset-code";
import { requestUsernameReminder } from "@/lib/accounts/recovery/forgot-username";

const fast = { minimumMs: 0 };
const sameSlash64 = (n: number) => `2001:db8:7:9::${(n + 1).toString(16)}`;

beforeEach(async () => {
  await prisma.rateLimitBucket.deleteMany();
});

async function firstRateLimited(tries: number, attempt: (n: number) => Promise<{ status: string }>): Promise<number | null> {
  for (let n = 0; n < tries; n += 1) if ((await attempt(n)).status === "rate_limited") return n;
  return null;
}

describe("recovery limits per IPv6 source", () => {
  it("control: security-code guesses from one IPv4 address stop at the per-address limit", async () => {
    const stoppedAt = await firstRateLimited(40, (n) =>
      verifyPasswordResetCode({ usernameKey: `nobody.v4.${n}`, code: "123456", ip: "198.51.100.7" }, fast),
    );
    expect(stoppedAt).toBe(30);
  });

  it("security-code guesses from one IPv6 /64 stop at the same per-address limit", async () => {
    const stoppedAt = await firstRateLimited(40, (n) =>
      verifyPasswordResetCode({ usernameKey: `nobody.v6.${n}`, code: "123456", ip: sameSlash64(n) }, fast),
    );
    expect(stoppedAt).toBe(30);
  });

  it("Forgot Username requests from one IPv6 /64 stop at the per-address limit", async () => {
    const stoppedAt = await firstRateLimited(25, (n) =>
      requestUsernameReminder({ email: `nobody.${n}@example.com`, ip: sameSlash64(n) }, fast),
    );
    expect(stoppedAt).toBe(20);
  });
});
