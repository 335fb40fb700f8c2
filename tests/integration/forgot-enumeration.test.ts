// Enumeration by answer or by timing: for an existing vs an unknown username / address /
// student, every public recovery and self-service step (Forgot Username, Forgot Password,
// Resend temporary password, Create a new account) returns the same outcome and takes the
// same time. Timing is measured
// over 12 interleaved pairs (medians; padded answers differ by well under 1 ms, 40x under the
// tolerance, so more pairs only cost time). The tolerance is half the cheaper of the two things a
// leaky path would add, both measured in this run: one argon2id hash and one synchronous SMTP
// send to a real server. The same measurement applied to a variant with such an extra step on
// one side must exceed the tolerance, which shows the check can fail.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { hashSecret } from "@/lib/security/password-hash";
import { requestUsernameReminder } from "@/lib/accounts/recovery/forgot-username";
import { requestPasswordResetCode } from "@/lib/accounts/recovery/request-reset-code";
import { verifyPasswordResetCode } from "@/lib/accounts/recovery/verify-reset-code";
import { createSmtpTransport, type MailTransport } from "@/lib/mail/mail-transport";
import { startSmtpCapture, type SmtpCapture } from "../helpers/smtp-capture";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";
import { MINIMUM_RESPONSE_MS } from "@/lib/accounts/recovery/recovery-limits";
import { registerParent } from "@/lib/accounts/register-parent";
import { resendTemporaryPassword } from "@/lib/accounts/resend-temporary-password";
import { SELF_SERVICE_MINIMUM_MS } from "@/lib/accounts/self-service-limits";
import { compareInterleaved, median, timed } from "../helpers/interleaved-timing";

const PAIRS = 12;
// Unpadded work varies more run to run: its comparisons take more pairs.
const WORK_PAIRS = 10;
let smtp: SmtpCapture;
let transport: MailTransport;
let tolerance: number;
const figures: Record<string, string> = {};
let ipSeq = 0;
/** Student numbers and names of the self-service fixtures (set in beforeAll). */
let pending: { studentId: string; firstName: string; lastName: string };
let resetAccountId: number;
let resetLogin: { username: string; studentIds: string[]; firstName: string; lastName: string };
let activeLogin: { username: string; studentIds: string[]; firstName: string; lastName: string };
const UNKNOWN_STUDENT = "00000000";
const nextIp = () => `10.1.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;



const compare = <T>(a: () => Promise<T>, b: () => Promise<T>, between: () => Promise<unknown> = async () => {}, pairs = PAIRS) => compareInterleaved(a, b, between, pairs);

async function medianCost(run: () => Promise<unknown>, samples = 9) {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) times.push((await timed(run)).ms);
  return median(times);
}

const clearLimits = () => prisma.rateLimitBucket.deleteMany();

beforeAll(async () => {
  smtp = await startSmtpCapture();
  transport = createSmtpTransport(smtp.url, { ignoreTLS: true });
  const schoolId = (await createSchool(prisma)).id;
  await createParentWithChild(prisma, schoolId, {
    firstName: "Amal",
    lastName: "Haddad",
    email: "amal.haddad@example.com",
    preferredLocale: "ar",
    account: { username: "amal.h", passwordHash: await hashSecret("an old passphrase") },
  });
  const pendingParent = await createParentWithChild(prisma, schoolId, {
    firstName: "Minh",
    lastName: "Tran",
    email: "minh.tran@example.com",
    account: { username: "minh.t", status: "PENDING_PASSWORD_CHANGE", passwordHash: await hashSecret("a temporary one") },
  });
  pending = { studentId: pendingParent.student.studentNumber, firstName: "Minh", lastName: "Tran" };
  const resetParent = await createParentWithChild(prisma, schoolId, {
    firstName: "Rosa",
    lastName: "Lopez",
    email: "rosa.lopez@example.com",
    account: { username: "rosa.l", status: "RESET", passwordHash: null },
  });
  resetAccountId = resetParent.account!.id;
  resetLogin = { username: "rosa.l", studentIds: [resetParent.student.studentNumber], firstName: "Rosa", lastName: "Lopez" };
  const activeParent = await createParentWithChild(prisma, schoolId, {
    firstName: "Omar",
    lastName: "Said",
    email: "omar.said@example.com",
    account: { username: "omar.s", passwordHash: await hashSecret("an old passphrase") },
  });
  activeLogin = { username: "omar.s2", studentIds: [activeParent.student.studentNumber], firstName: "Omar", lastName: "Said" };
  await hashSecret("warm-up"); // first hash allocates argon2's memory
  const argon2Ms = await medianCost(() => hashSecret("a-typical-secret"));
  const smtpMs = await medianCost(() =>
    transport.sendMail({ from: "no-reply@example.org", to: "probe@example.com", subject: "probe", text: "probe" }),
  );
  tolerance = Math.min(argon2Ms, smtpMs) / 2;
  figures["argon2id hash (median)"] = `${argon2Ms.toFixed(1)} ms`;
  figures["synchronous SMTP send (median)"] = `${smtpMs.toFixed(1)} ms`;
  figures["tolerance"] = `${tolerance.toFixed(1)} ms`;
});

afterAll(async () => {
  transport.close();
  await smtp.stop();
  console.log(`[forgot-enumeration] ${PAIRS} interleaved pairs each (${WORK_PAIRS} for unpadded work)\n${Object.entries(figures).map(([k, v]) => `  ${k}: ${v}`).join("\n")}`);
});

beforeEach(clearLimits);

describe("no enumeration by answer or by timing", () => {
  it("Forgot Password step 1: existing vs unknown username", { timeout: 180_000 }, async () => {
    const existing = () => requestPasswordResetCode({ username: "amal.h", ip: nextIp() });
    const unknown = () => requestPasswordResetCode({ username: "nobody.here", ip: nextIp() });
    const run = await compare(existing, unknown, clearLimits);
    for (const [a, b] of run.results) expect(a).toEqual(b);
    expect(await prisma.emailOutbox.count({ where: { template: "security-code" } })).toBe(PAIRS);
    figures["request code: existing / unknown"] = `${run.medianA.toFixed(1)} / ${run.medianB.toFixed(1)} ms (diff ${run.difference.toFixed(1)})`;
    expect(run.difference).toBeLessThan(tolerance);

    // Sensitivity: the same method sees one extra argon2id hash or one synchronous send (on the
    // unpadded path: the padding's sleep would only add the same wait to both sides).
    const unknownUnpadded = () => requestPasswordResetCode({ username: "nobody.here", ip: nextIp() }, { minimumMs: 0 });
    const extraHash = await compare(unknownUnpadded, async () => {
      const outcome = await unknownUnpadded();
      await hashSecret("extra work on one path");
      return outcome;
    }, clearLimits, WORK_PAIRS);
    figures["request code: variant + argon2id (diff)"] = `${extraHash.difference.toFixed(1)} ms`;
    expect(extraHash.difference).toBeGreaterThan(tolerance);
    const extraSend = await compare(unknownUnpadded, async () => {
      const outcome = await unknownUnpadded();
      await transport.sendMail({ from: "no-reply@example.org", to: "probe@example.com", subject: "sync", text: "sync" });
      return outcome;
    }, clearLimits, WORK_PAIRS);
    figures["request code: variant + SMTP send (diff)"] = `${extraSend.difference.toFixed(1)} ms`;
    expect(extraSend.difference).toBeGreaterThan(tolerance);

    // The padding hides the real work only while that work is shorter than the minimum.
    const unpadded = await compare(
      () => requestPasswordResetCode({ username: "amal.h", ip: nextIp() }, { minimumMs: 0 }),
      () => requestPasswordResetCode({ username: "nobody.here", ip: nextIp() }, { minimumMs: 0 }),
      clearLimits,
      WORK_PAIRS,
    );
    figures["request code unpadded work: existing / unknown"] = `${unpadded.medianA.toFixed(1)} / ${unpadded.medianB.toFixed(1)} ms`;
    expect(Math.max(unpadded.medianA, unpadded.medianB)).toBeLessThan(MINIMUM_RESPONSE_MS.requestCode / 2);
  });

  it("Forgot Password step 2: wrong code for an existing username vs any code for an unknown one", { timeout: 120_000 }, async () => {
    await requestPasswordResetCode({ username: "amal.h", ip: nextIp() }, { minimumMs: 0 });
    const resetTries = async () => {
      await clearLimits();
      await prisma.passwordResetCode.updateMany({ data: { attempts: 0 } });
    };
    // "000000" may be the real code once in a million runs; any wrong code is as good.
    const existing = () => verifyPasswordResetCode({ usernameKey: "amal.h", code: "000000", ip: nextIp() });
    const unknown = () => verifyPasswordResetCode({ usernameKey: "nobody.here", code: "000000", ip: nextIp() });
    const run = await compare(existing, unknown, resetTries);
    for (const [a, b] of run.results) expect([a, b]).toEqual([{ status: "invalid" }, { status: "invalid" }]);
    figures["verify code: existing / unknown"] = `${run.medianA.toFixed(1)} / ${run.medianB.toFixed(1)} ms (diff ${run.difference.toFixed(1)})`;
    expect(run.difference).toBeLessThan(tolerance);
    const unpadded = await compare(
      () => verifyPasswordResetCode({ usernameKey: "amal.h", code: "000000", ip: nextIp() }, { minimumMs: 0 }),
      () => verifyPasswordResetCode({ usernameKey: "nobody.here", code: "000000", ip: nextIp() }, { minimumMs: 0 }),
      resetTries,
      WORK_PAIRS,
    );
    figures["verify code unpadded work: existing / unknown"] = `${unpadded.medianA.toFixed(1)} / ${unpadded.medianB.toFixed(1)} ms`;
    expect(Math.max(unpadded.medianA, unpadded.medianB)).toBeLessThan(MINIMUM_RESPONSE_MS.verifyCode / 2);
  });

  it("Forgot Username: existing vs unknown address", { timeout: 120_000 }, async () => {
    const existing = () => requestUsernameReminder({ email: "amal.haddad@example.com", ip: nextIp() });
    const unknown = () => requestUsernameReminder({ email: "nobody@example.com", ip: nextIp() });
    const run = await compare(existing, unknown, clearLimits);
    for (const [a, b] of run.results) expect(a).toEqual(b);
    expect(await prisma.emailOutbox.count({ where: { template: "forgot-username" } })).toBe(PAIRS);
    figures["forgot username: existing / unknown"] = `${run.medianA.toFixed(1)} / ${run.medianB.toFixed(1)} ms (diff ${run.difference.toFixed(1)})`;
    expect(run.difference).toBeLessThan(tolerance);
    const unpadded = await compare(
      () => requestUsernameReminder({ email: "amal.haddad@example.com", ip: nextIp() }, { minimumMs: 0 }),
      () => requestUsernameReminder({ email: "nobody@example.com", ip: nextIp() }, { minimumMs: 0 }),
      clearLimits,
      WORK_PAIRS,
    );
    figures["forgot username unpadded work: existing / unknown"] = `${unpadded.medianA.toFixed(1)} / ${unpadded.medianB.toFixed(1)} ms`;
    expect(Math.max(unpadded.medianA, unpadded.medianB)).toBeLessThan(MINIMUM_RESPONSE_MS.forgotUsername / 2);
  });

  it("Resend temporary password: a login waiting for its first sign-in vs an unknown student", { timeout: 180_000 }, async () => {
    const existing = () => resendTemporaryPassword(pending, { ip: nextIp() });
    const unknown = () => resendTemporaryPassword({ ...pending, studentId: UNKNOWN_STUDENT }, { ip: nextIp() });
    const before = await prisma.emailOutbox.count({ where: { template: "temporary-password" } });
    const run = await compare(existing, unknown, clearLimits);
    for (const [a, b] of run.results) expect([a, b]).toEqual([{ status: "done" }, { status: "done" }]);
    expect(await prisma.emailOutbox.count({ where: { template: "temporary-password" } })).toBe(before + PAIRS);
    figures["resend: pending / unknown"] = `${run.medianA.toFixed(1)} / ${run.medianB.toFixed(1)} ms (diff ${run.difference.toFixed(1)})`;
    expect(run.difference).toBeLessThan(tolerance);
    const unpadded = await compare(
      () => resendTemporaryPassword(pending, { ip: nextIp() }, { minimumMs: 0 }),
      () => resendTemporaryPassword({ ...pending, studentId: UNKNOWN_STUDENT }, { ip: nextIp() }, { minimumMs: 0 }),
      clearLimits,
      WORK_PAIRS,
    );
    figures["resend unpadded work: pending / unknown"] = `${unpadded.medianA.toFixed(1)} / ${unpadded.medianB.toFixed(1)} ms`;
    expect(Math.max(unpadded.medianA, unpadded.medianB)).toBeLessThan(SELF_SERVICE_MINIMUM_MS.resend / 2);
  });

  it("Create a new account: an active login's details vs an unknown student, and a registration vs an unknown student", { timeout: 240_000 }, async () => {
    const unknown = () => registerParent({ ...activeLogin, studentIds: [UNKNOWN_STUDENT] }, { ip: nextIp() });
    // Same answer ("no_match"): whether the student or the login exists shows neither in the answer nor in the time.
    const active = await compare(() => registerParent(activeLogin, { ip: nextIp() }), unknown, clearLimits);
    for (const [a, b] of active.results) expect([a, b]).toEqual([{ status: "no_match" }, { status: "no_match" }]);
    figures["register: active login / unknown"] = `${active.medianA.toFixed(1)} / ${active.medianB.toFixed(1)} ms (diff ${active.difference.toFixed(1)})`;
    expect(active.difference).toBeLessThan(tolerance);

    // A real registration (argon2id hash, account write, outbox insert) takes the same time as a refusal.
    const backToReset = async () => {
      await clearLimits();
      await prisma.parentAccount.update({ where: { id: resetAccountId }, data: { status: "RESET", passwordHash: null } });
    };
    const registered = await compare(() => registerParent(resetLogin, { ip: nextIp() }), unknown, backToReset);
    for (const [a] of registered.results) expect(a).toMatchObject({ status: "registered" });
    figures["register: registered / unknown"] = `${registered.medianA.toFixed(1)} / ${registered.medianB.toFixed(1)} ms (diff ${registered.difference.toFixed(1)})`;
    expect(registered.difference).toBeLessThan(tolerance);
    const unpadded = await compare(
      () => registerParent(resetLogin, { ip: nextIp() }, { minimumMs: 0 }),
      () => registerParent({ ...activeLogin, studentIds: [UNKNOWN_STUDENT] }, { ip: nextIp() }, { minimumMs: 0 }),
      backToReset,
      WORK_PAIRS,
    );
    for (const [a] of unpadded.results) expect(a).toMatchObject({ status: "registered" });
    figures["register unpadded work: registered / unknown"] = `${unpadded.medianA.toFixed(1)} / ${unpadded.medianB.toFixed(1)} ms`;
    expect(Math.max(unpadded.medianA, unpadded.medianB)).toBeLessThan(SELF_SERVICE_MINIMUM_MS.register / 2);
  });
});
