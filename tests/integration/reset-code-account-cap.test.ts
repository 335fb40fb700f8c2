// The per-account cap on wrong security codes (issue 7, item 2): at most 20 wrong entries per
// parent account per 24 hours across every code and every address; reaching it kills the live
// code and stops new codes for 24 hours, while Forgot Password still answers as usual.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { hashSecret } from "@/lib/security/password-hash";
import { requestPasswordResetCode } from "@/lib/accounts/recovery/request-reset-code";
import { verifyPasswordResetCode } from "@/lib/accounts/recovery/verify-reset-code";
import { ACCOUNT_WRONG_CODES_PER_DAY } from "@/lib/accounts/recovery/recovery-limits";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";
import { queuedSecurityCode } from "../helpers/recovery-helpers";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-reset-code-cap";
const fast = { minimumMs: 0 }; // timing is the subject of forgot-enumeration.test.ts
let schoolId: number;
let seq = 0;

const request = (username: string, ip: string) => requestPasswordResetCode({ username, ip }, fast);
const verify = (username: string, code: string, ip: string) =>
  verifyPasswordResetCode({ usernameKey: username.toLowerCase(), code, ip }, fast);
const wrongCode = (code: string, n: number) => String((Number(code) + n) % 1_000_000).padStart(6, "0");
const codeMails = (email: string) => prisma.emailOutbox.count({ where: { toAddress: email, template: "security-code" } });
/** Stands in for the 15 minutes after which the visible per-username request limit allows more. */
const forgetVisibleRequestLimits = () => prisma.rateLimitBucket.deleteMany({ where: { key: { startsWith: "reset-code:user:" } } });

async function parentAccount() {
  const n = ++seq;
  const { account, contact } = await createParentWithChild(prisma, schoolId, {
    firstName: "Rosa",
    lastName: `Capped${n}`,
    email: `rosa.capped.${n}@example.com`,
    account: { username: `rosa.capped.${n}`, passwordHash: await hashSecret("Old password 1") },
  });
  return { account: account!, username: account!.username, email: contact.email! };
}

beforeAll(async () => {
  schoolId = (await createSchool(prisma)).id;
});
beforeEach(async () => {
  await prisma.rateLimitBucket.deleteMany();
});

describe("wrong security codes per account", () => {
  it("20 wrong entries across several codes and addresses stop the live code and new codes, with the same answers", async () => {
    const { account, username, email } = await parentAccount();
    const perCode = 4; // below the per-code limit (5), so only the account cap can stop the codes
    const rounds = ACCOUNT_WRONG_CODES_PER_DAY / perCode;
    let code = "";
    for (let round = 0; round < rounds; round++) {
      await forgetVisibleRequestLimits();
      expect(await request(username, `203.0.113.${round + 1}`)).toEqual({ status: "accepted" });
      code = await queuedSecurityCode(email);
      for (let i = 0; i < perCode; i++) {
        expect(await verify(username, wrongCode(code, i + 1), `198.51.100.${round * perCode + i + 1}`)).toEqual({ status: "invalid" });
      }
    }
    expect(await codeMails(email)).toBe(rounds);

    // The last code had a try left, but the account's budget is spent: even the right code fails.
    expect(await verify(username, code, "192.0.2.1")).toEqual({ status: "invalid" });

    // A new request answers as always, but no code is created and no mail is queued.
    await forgetVisibleRequestLimits();
    expect(await request(username, "192.0.2.2")).toEqual({ status: "accepted" });
    expect(await codeMails(email)).toBe(rounds);
    expect(await prisma.passwordResetCode.count({ where: { parentAccountId: account.id } })).toBe(rounds);
    expect(await prisma.passwordResetCode.count({ where: { parentAccountId: account.id, usedAt: null, supersededAt: null } })).toBe(0);
    const refused = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "parent.password-reset.code-not-sent", actorId: account.id },
      orderBy: { id: "desc" },
    });
    expect(refused.details).toMatchObject({ reason: "wrong-code-cap" });

    // 24 hours later codes are issued again.
    await prisma.rateLimitBucket.updateMany({
      where: { key: { startsWith: "reset-" } },
      data: { windowStart: new Date(Date.now() - 25 * 60 * 60_000) },
    });
    await forgetVisibleRequestLimits();
    expect(await request(username, "192.0.2.3")).toEqual({ status: "accepted" });
    const fresh = await queuedSecurityCode(email);
    expect(await codeMails(email)).toBe(rounds + 1);
    expect(await verify(username, fresh, "192.0.2.4")).toMatchObject({ status: "verified" });
  }, 120_000);

  it("a right code does not count against the account", async () => {
    const { username, email } = await parentAccount();
    for (let round = 0; round < 3; round++) {
      await forgetVisibleRequestLimits();
      await request(username, "203.0.113.50");
      expect(await verify(username, await queuedSecurityCode(email), "203.0.113.51")).toMatchObject({ status: "verified" });
    }
    expect(await prisma.rateLimitBucket.findMany({ where: { key: { startsWith: "reset-verify:account:" } } })).toEqual([
      expect.objectContaining({ count: 0 }),
    ]);
  }, 60_000);
});
