// Enumeration by answer or by timing in "Get back into your account" (staff twin of
// forgot-enumeration.test.ts): a real, registered person vs an unknown, a disabled, an
// unregistered and a blocked user ID get the same answers in the same time at every public step
// (start, send a code, check a code). Medians over interleaved pairs; the tolerance is half an
// argon2id hash measured in this run, and the same measurement applied to a variant with one
// extra hash on one side must exceed it, which shows the check can fail.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { hashSecret } from "@/lib/security/password-hash";
import { startStaffRecoveryFlow } from "@/lib/staff-auth/recovery/start-staff-recovery";
import { sendRecoveryCode } from "@/lib/staff-auth/recovery/send-recovery-code";
import { checkRecoveryGate } from "@/lib/staff-auth/recovery/check-recovery-gate";
import { RECOVERY_MINIMUM_MS } from "@/lib/staff-auth/recovery/recovery-limits";
import { createRecoverableStaff, type StaffFixture } from "../helpers/staff-recovery-fixtures";
import { compareInterleaved, median, timed } from "../helpers/interleaved-timing";

const PAIRS = 12;
let tolerance = 0;
let ipSeq = 0;
let registered: StaffFixture;
const figures: Record<string, string> = {};
const nextIp = () => `10.9.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;



const compare = <T>(a: () => Promise<T>, b: () => Promise<T>, between: () => Promise<unknown>, pairs = PAIRS) => compareInterleaved(a, b, between, pairs);

/** Back to a clean slate between runs: no counters, no block, no live code or wrong entries. */
async function reset() {
  await prisma.rateLimitBucket.deleteMany();
  await prisma.staffUser.updateMany({ where: { id: registered.id }, data: { selfServiceBlockedUntil: null, selfServiceBlockReason: null } });
  await prisma.staffVerificationCode.updateMany({ data: { attempts: 0, createdAt: new Date(Date.now() - 61_000) } });
}

async function tokenFor(userId: string): Promise<string> {
  const outcome = await startStaffRecoveryFlow({ userId, ip: nextIp() }, { minimumMs: 0 });
  if (outcome.status !== "started") throw new Error("not started");
  return outcome.token;
}

const status = <T extends { status: string }>(promise: Promise<T>) => promise.then((outcome) => outcome.status);

beforeAll(async () => {
  await prisma.staffUser.deleteMany();
  registered = await createRecoverableStaff({ email: "reg.one@district.example.org" });
  await createRecoverableStaff({ email: "dis.abled@district.example.org", disabled: true });
  await createRecoverableStaff({ email: "un.registered@district.example.org", phone: null, altEmail: null });
  const blocked = await createRecoverableStaff({ email: "is.blocked@district.example.org" });
  await prisma.staffUser.update({ where: { id: blocked.id }, data: { selfServiceBlockedUntil: new Date(Date.now() + 20 * 3_600_000) } });
  await hashSecret("warm-up");
  const samples: number[] = [];
  for (let i = 0; i < 9; i++) samples.push((await timed(() => hashSecret("a-typical-secret"))).ms);
  tolerance = median(samples) / 2;
  figures["tolerance (half an argon2id hash)"] = `${tolerance.toFixed(1)} ms`;
}, 60_000);

beforeEach(reset);

afterAll(() => {
  console.log(`[staff-recovery-enumeration] ${PAIRS} interleaved pairs each\n${Object.entries(figures).map(([k, v]) => `  ${k}: ${v}`).join("\n")}`);
});

describe("no enumeration in Get back into your account", () => {
  it("start: registered vs unknown, disabled, unregistered and blocked user IDs", { timeout: 240_000 }, async () => {
    const startFor = (userId: string) => () => status(startStaffRecoveryFlow({ userId, ip: nextIp() }));
    for (const other of ["nobody@district.example.org", "dis.abled@district.example.org", "un.registered@district.example.org", "is.blocked@district.example.org"]) {
      const run = await compare(startFor(registered.email), startFor(other), reset);
      for (const [a, b] of run.results) expect([a, b]).toEqual(["started", "started"]);
      figures[`start: registered / ${other}`] = `${run.medianA.toFixed(1)} / ${run.medianB.toFixed(1)} ms (diff ${run.difference.toFixed(1)})`;
      expect(run.difference).toBeLessThan(tolerance);
    }
    // Sensitivity: one extra argon2id hash on one side is seen (unpadded: the padding's sleep
    // would only add the same wait to both sides).
    const unknown = () => status(startStaffRecoveryFlow({ userId: "nobody@district.example.org", ip: nextIp() }, { minimumMs: 0 }));
    const extra = await compare(unknown, async () => {
      const outcome = await unknown();
      await hashSecret("extra work on one path");
      return outcome;
    }, reset, PAIRS / 2);
    figures["start: variant + argon2id (diff)"] = `${extra.difference.toFixed(1)} ms`;
    expect(extra.difference).toBeGreaterThan(tolerance);
    const unpadded = await compare(
      () => status(startStaffRecoveryFlow({ userId: registered.email, ip: nextIp() }, { minimumMs: 0 })),
      () => status(startStaffRecoveryFlow({ userId: "nobody@district.example.org", ip: nextIp() }, { minimumMs: 0 })),
      reset,
      PAIRS / 2,
    );
    figures["start unpadded work: registered / unknown"] = `${unpadded.medianA.toFixed(1)} / ${unpadded.medianB.toFixed(1)} ms`;
    expect(Math.max(unpadded.medianA, unpadded.medianB)).toBeLessThan(RECOVERY_MINIMUM_MS.start / 2);
  });

  it("send a code: the right number of a registered person (a text is queued) vs a flow for an unknown user ID", { timeout: 240_000 }, async () => {
    const mine = await tokenFor(registered.email);
    const nobody = await tokenFor("nobody@district.example.org");
    const before = await prisma.smsOutbox.count();
    const send = (token: string, minimumMs?: number) => () => status(sendRecoveryCode({ token, ip: nextIp(), method: "sms", phone: registered.phone }, { minimumMs }));
    const run = await compare(send(mine), send(nobody), reset);
    for (const [a, b] of run.results) expect([a, b]).toEqual(["sent", "sent"]);
    expect(await prisma.smsOutbox.count()).toBe(before + PAIRS);
    figures["send: registered / unknown"] = `${run.medianA.toFixed(1)} / ${run.medianB.toFixed(1)} ms (diff ${run.difference.toFixed(1)})`;
    expect(run.difference).toBeLessThan(tolerance);
    const unpadded = await compare(send(mine, 0), send(nobody, 0), reset, PAIRS / 2);
    figures["send unpadded work: registered / unknown"] = `${unpadded.medianA.toFixed(1)} / ${unpadded.medianB.toFixed(1)} ms`;
    expect(Math.max(unpadded.medianA, unpadded.medianB)).toBeLessThan(RECOVERY_MINIMUM_MS.send / 2);
  });

  it("check a code: a wrong code of a registered person vs any code in a flow for an unknown user ID", { timeout: 240_000 }, async () => {
    const mine = await tokenFor(registered.email);
    const nobody = await tokenFor("nobody@district.example.org");
    await sendRecoveryCode({ token: mine, ip: nextIp(), method: "sms", phone: registered.phone }, { minimumMs: 0 });
    // "000000" may be the real code once in a million runs; any wrong code is as good.
    const check = (token: string, minimumMs?: number) => () => status(checkRecoveryGate({ token, ip: nextIp(), proof: { gate: "sms", code: "000000" } }, { minimumMs }));
    const run = await compare(check(mine), check(nobody), reset);
    for (const [a, b] of run.results) expect([a, b]).toEqual(["invalid", "invalid"]);
    figures["check: registered / unknown"] = `${run.medianA.toFixed(1)} / ${run.medianB.toFixed(1)} ms (diff ${run.difference.toFixed(1)})`;
    expect(run.difference).toBeLessThan(tolerance);
    const unpadded = await compare(check(mine, 0), check(nobody, 0), reset, PAIRS / 2);
    figures["check unpadded work: registered / unknown"] = `${unpadded.medianA.toFixed(1)} / ${unpadded.medianB.toFixed(1)} ms`;
    expect(Math.max(unpadded.medianA, unpadded.medianB)).toBeLessThan(RECOVERY_MINIMUM_MS.check / 2);
  });
});
