// The staff verification-code primitive on a real database: single use, 10 minutes, 5 wrong
// entries, one live code per purpose (a new one voids the old), 60 s between sends, bound to
// purpose and flow, stored only as an HMAC, and parallel guesses cannot exceed the limit.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import {
  checkStaffVerificationCode,
  issueStaffVerificationCode,
  STAFF_CODE_MAX_WRONG,
  type StaffCodeTarget,
} from "@/lib/staff-auth/verification-code";

let target: StaffCodeTarget;
const MINUTE = 60_000;

async function issue(now: Date, extra: Partial<StaffCodeTarget> = {}) {
  const result = await prisma.$transaction((tx) =>
    issueStaffVerificationCode(tx, { ...target, ...extra, channel: "SMS", destination: "+15035550123" }, now),
  );
  if (!result.ok) throw new Error(`not issued: ${result.reason}`);
  return result.code;
}

const check = (code: string, now = new Date(), extra: Partial<StaffCodeTarget> = {}) =>
  prisma.$transaction((tx) => checkStaffVerificationCode(tx, { ...target, ...extra }, code, now));

const wrongOf = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

beforeEach(async () => {
  await prisma.staffVerificationCode.deleteMany();
  await prisma.staffUser.deleteMany();
  const user = await prisma.staffUser.create({ data: { email: "desk@riverside.example.org", name: "Desk", role: "HELP_DESK" } });
  target = { staffUserId: user.id, purpose: "register-phone" };
});

describe("staff verification codes", () => {
  it("accepts the right code once, stores no plaintext, and says where it went", async () => {
    const code = await issue(new Date());
    const row = await prisma.staffVerificationCode.findFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(code);
    expect(await check(code)).toEqual({ ok: true, channel: "SMS", destination: "+15035550123" });
    expect(await check(code)).toEqual({ ok: false, reason: "invalid" });
  });

  it("expires after 10 minutes", async () => {
    const start = new Date();
    const code = await issue(start);
    expect(await check(code, new Date(start.getTime() + 10 * MINUTE + 1000))).toEqual({ ok: false, reason: "invalid" });
  });

  it("is void after 5 wrong entries, even when they arrive together", async () => {
    const code = await issue(new Date());
    const wrong = await Promise.all(Array.from({ length: STAFF_CODE_MAX_WRONG + 3 }, () => check(wrongOf(code))));
    expect(wrong.every((result) => !result.ok)).toBe(true);
    expect((await prisma.staffVerificationCode.findFirstOrThrow()).attempts).toBe(STAFF_CODE_MAX_WRONG);
    expect(await check(code)).toEqual({ ok: false, reason: "invalid" });
  });

  it("allows a resend only after 60 s, and the new code voids the old one", async () => {
    const start = new Date();
    const first = await issue(start);
    const early = await prisma.$transaction((tx) =>
      issueStaffVerificationCode(tx, { ...target, channel: "SMS", destination: "+15035550123" }, new Date(start.getTime() + 30_000)),
    );
    expect(early).toEqual({ ok: false, reason: "resend_too_soon", retryAfterSeconds: 30 });
    const later = new Date(start.getTime() + 61_000);
    const second = await issue(later);
    expect(await check(first, later)).toEqual({ ok: false, reason: "invalid" });
    expect((await check(second, later)).ok).toBe(true);
  });

  it("is bound to its purpose and its recovery flow", async () => {
    const code = await issue(new Date(), { flowId: "flow-a" });
    expect((await check(code, new Date(), { purpose: "register-email", flowId: "flow-a" })).ok).toBe(false);
    expect((await check(code, new Date(), { flowId: "flow-b" })).ok).toBe(false);
    expect((await check(code, new Date(), { flowId: "flow-a" })).ok).toBe(true);
  });
});
