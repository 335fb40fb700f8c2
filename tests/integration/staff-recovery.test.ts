// Issue 9, item 5 on a real database: "Get back into your account" for staff. The CAPTCHA is
// checked before any lookup and each solution is accepted once; two different verification
// steps, one of them the authenticator or a recovery code once the person has MFA; masked hints
// only after step 1; success ends every session, signs nobody in and tells the person (and, for
// a site admin, the other site admins); Entra's limits end in a 24-hour block of self-service
// only, which a site admin can clear.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { authenticateStaff } from "@/lib/auth/staff-sign-in";
import { verifySecret } from "@/lib/security/password-hash";
import { beginStaffRecovery, startStaffRecoveryFlow } from "@/lib/staff-auth/recovery/start-staff-recovery";
import { sendRecoveryCode } from "@/lib/staff-auth/recovery/send-recovery-code";
import { checkRecoveryGate, type RecoveryProof } from "@/lib/staff-auth/recovery/check-recovery-gate";
import { completeStaffRecovery } from "@/lib/staff-auth/recovery/complete-staff-recovery";
import { describeRecoveryFlow } from "@/lib/staff-auth/recovery/describe-recovery-flow";
import { loadRecoveryFlow } from "@/lib/staff-auth/recovery/recovery-flow";
import { clearSelfServiceBlock } from "@/lib/staff-auth/recovery/self-service-block";
import { issueSignInTicket } from "@/lib/staff-auth/mfa/sign-in-ticket";
import { completeStaffSecondStep } from "@/lib/staff-auth/mfa/complete-staff-second-step";
import { MFA_STOP_AFTER_FAILURES } from "@/lib/staff-auth/mfa/second-factor-cool-off";
import { createSelfServiceChallenge, verifySelfServiceCaptcha } from "@/lib/staff-auth/recovery/self-service-captcha";
import {
  createRecoverableStaff,
  lastMailCode,
  lastSmsCode,
  OLD_PASSPHRASE,
  openSession,
  QUESTION_ANSWERS,
  solvedCaptcha,
  totpNow,
} from "../helpers/staff-recovery-fixtures";

const IP = "198.51.100.7";
const NEW_PASSPHRASE = "seven purple kites drift over the bay";
const fast = { minimumMs: 0 };

async function start(userId: string): Promise<string> {
  const outcome = await startStaffRecoveryFlow({ userId, ip: IP }, fast);
  if (outcome.status !== "started") throw new Error(`flow not started: ${outcome.status}`);
  return outcome.token;
}

const check = (token: string, proof: RecoveryProof) => checkRecoveryGate({ token, proof, ip: IP }, fast);

async function passSms(token: string, phone: string, typed = phone) {
  expect(await sendRecoveryCode({ token, ip: IP, method: "sms", phone: typed }, fast)).toEqual({ status: "sent" });
  return check(token, { gate: "sms", code: await lastSmsCode(phone) });
}

async function passEmail(token: string, altEmail: string) {
  expect(await sendRecoveryCode({ token, ip: IP, method: "email" }, fast)).toEqual({ status: "sent" });
  return check(token, { gate: "email", code: await lastMailCode(altEmail) });
}

const actions = async () => (await prisma.auditEvent.findMany({ orderBy: { id: "asc" } })).map((event) => event.action);

beforeEach(async () => {
  await prisma.rateLimitBucket.deleteMany();
  await prisma.emailOutbox.deleteMany();
  await prisma.smsOutbox.deleteMany();
  await prisma.auditEvent.deleteMany();
  await prisma.altchaSolution.deleteMany();
  await prisma.staffUser.deleteMany();
});

describe("CAPTCHA", () => {
  it("is checked before any lookup, accepts a solution once and refuses a replay", async () => {
    await createRecoverableStaff({ email: "ana.ruiz@district.example.org" });
    const refused = await beginStaffRecovery({ captcha: "", userId: "ana.ruiz@district.example.org", ip: IP });
    expect(refused).toEqual({ status: "captcha_failed" });
    expect(await prisma.staffRecoveryFlow.count()).toBe(0);
    expect(await actions()).toEqual([]); // nothing looked up, nothing recorded

    const payload = await solvedCaptcha();
    expect((await beginStaffRecovery({ captcha: payload, userId: "ana.ruiz@district.example.org", ip: IP })).status).toBe("started");
    expect(await beginStaffRecovery({ captcha: payload, userId: "ana.ruiz@district.example.org", ip: IP })).toEqual({ status: "captcha_failed" });
    expect(await prisma.staffRecoveryFlow.count()).toBe(1);
  });

  it("refuses two concurrent submissions of one solution but one, a forged solution and a challenge for another purpose", async () => {
    const payload = await solvedCaptcha();
    const results = await Promise.all([verifySelfServiceCaptcha(payload), verifySelfServiceCaptcha(payload), verifySelfServiceCaptcha(payload)]);
    expect(results.filter(Boolean)).toHaveLength(1);

    const challenge = await createSelfServiceChallenge();
    const decoded = JSON.parse(Buffer.from(await solvedCaptcha(challenge), "base64").toString()) as { solution: { derivedKey: string } };
    const flipped = (decoded.solution.derivedKey[0] === "0" ? "1" : "0") + decoded.solution.derivedKey.slice(1);
    const forged = Buffer.from(JSON.stringify({ challenge, solution: { ...decoded.solution, derivedKey: flipped } })).toString("base64");
    expect(await verifySelfServiceCaptcha(forged)).toBe(false);

    const other = await createSelfServiceChallenge();
    other.parameters.data = { ...other.parameters.data, purpose: "newsletter" }; // breaks the signature too
    expect(await verifySelfServiceCaptcha(await solvedCaptcha(other))).toBe(false);
    expect(await verifySelfServiceCaptcha("not base64 json")).toBe(false);
  });
});

describe("two verification steps, then a new passphrase", () => {
  it("phone (full number typed) + alternate e-mail: sessions end, nobody is signed in, the person is told on both addresses", async () => {
    const staff = await createRecoverableStaff({ email: "ben.ode@district.example.org" });
    const otherSession = await openSession(staff.id);
    const token = await start("  Ben.Ode@District.example.org ");
    const before = await describeRecoveryFlow(token);
    expect(before).toEqual({ stage: "verify", step: 1, choices: ["sms", "email", "totp", "recovery-code"], hints: {} });

    // A wrong number gets the same answer and no text.
    expect(await sendRecoveryCode({ token, ip: IP, method: "sms", phone: "(503) 555-0199" }, fast)).toEqual({ status: "sent" });
    expect(await prisma.smsOutbox.count()).toBe(0);
    expect(await passSms(token, staff.phone, "(503) 555-0111")).toEqual({ status: "passed", complete: false });

    const after = await describeRecoveryFlow(token);
    expect(after).toMatchObject({ stage: "verify", step: 2, choices: ["email"], hints: { email: "b***@home.example.net" } });
    expect(JSON.stringify(after)).not.toContain(staff.altEmail);
    // The same method twice is no second step.
    expect(await sendRecoveryCode({ token, ip: IP, method: "sms", phone: staff.phone }, fast)).toEqual({ status: "sent" });
    expect(await prisma.smsOutbox.count()).toBe(1);

    expect(await passEmail(token, staff.altEmail)).toEqual({ status: "passed", complete: true });
    expect(await describeRecoveryFlow(token)).toEqual({ stage: "new-passphrase" });
    const sessionsBefore = await prisma.authSession.count();
    expect(await completeStaffRecovery({ token, newPassphrase: NEW_PASSPHRASE, ip: IP })).toEqual({ status: "done", sessionsEnded: 1 });

    const user = await prisma.staffUser.findUniqueOrThrow({ where: { id: staff.id } });
    expect(await verifySecret(user.passwordHash, NEW_PASSPHRASE)).toBe(true);
    expect(user.passphraseChangedAt).not.toBeNull();
    expect(await prisma.authSession.findUnique({ where: { id: otherSession } })).toBeNull();
    expect(await prisma.authSession.count()).toBe(sessionsBefore - 1); // no session was created
    const notices = await prisma.emailOutbox.findMany({ where: { template: "staff-security-notice" } });
    expect(notices.map((n) => n.toAddress).sort()).toEqual([staff.altEmail, staff.email].sort());
    expect(await loadRecoveryFlow(token)).toBeNull(); // finished: the cookie is worthless now
    expect(await completeStaffRecovery({ token, newPassphrase: "another sentence entirely new", ip: IP })).toEqual({ status: "expired" });
    expect(await actions()).toEqual(expect.arrayContaining(["staff.self-service.start", "staff.self-service.code-sent", "staff.self-service.step", "staff.self-service.reset"]));
  });

  it("refuses a passphrase that breaks the district's rules", async () => {
    const staff = await createRecoverableStaff({ email: "cy.lam@district.example.org" });
    const token = await start(staff.email);
    await passSms(token, staff.phone);
    await passEmail(token, staff.altEmail);
    await expect(completeStaffRecovery({ token, newPassphrase: "too short", ip: IP })).rejects.toMatchObject({ code: "invalid" });
  });

  it("no MFA bypass: with an authenticator, phone + e-mail is not enough; phone + authenticator is", async () => {
    const staff = await createRecoverableStaff({ email: "dee.fox@district.example.org", totp: true });
    const token = await start(staff.email);
    expect(await passSms(token, staff.phone)).toEqual({ status: "passed", complete: false });
    expect(await describeRecoveryFlow(token)).toMatchObject({ step: 2, choices: ["totp"] });
    expect(await sendRecoveryCode({ token, ip: IP, method: "email" }, fast)).toEqual({ status: "sent" });
    expect(await prisma.emailOutbox.count({ where: { template: "staff-verification-code" } })).toBe(0);
    expect(await check(token, { gate: "email", code: "123456" })).toEqual({ status: "invalid" });
    await expect(completeStaffRecovery({ token, newPassphrase: NEW_PASSPHRASE, ip: IP })).resolves.toEqual({ status: "expired" });

    expect(await check(token, { gate: "totp", code: await totpNow() })).toEqual({ status: "passed", complete: true });
    expect((await completeStaffRecovery({ token, newPassphrase: NEW_PASSPHRASE, ip: IP })).status).toBe("done");
    // The authenticator is still there: the next sign-in asks for it.
    expect(await prisma.staffTotp.count({ where: { staffUserId: staff.id, confirmedAt: { not: null } } })).toBe(1);
  });

  it("a recovery code counts as the second factor, once", async () => {
    const staff = await createRecoverableStaff({ email: "eli.moss@district.example.org", totp: true, recoveryCodes: true });
    const token = await start(staff.email);
    expect(await check(token, { gate: "recovery-code", code: staff.recoveryCodes[0]! })).toEqual({ status: "passed", complete: false });
    expect(await passEmail(token, staff.altEmail)).toEqual({ status: "passed", complete: true });
    const again = await start(staff.email);
    expect(await check(again, { gate: "recovery-code", code: staff.recoveryCodes[0]! })).toEqual({ status: "invalid" });
  });

  it("with an authenticator, the authenticator plus a recovery code is not enough (Rule B); with MFA and no security info: help desk", async () => {
    const staff = await createRecoverableStaff({ email: "eve.lin@district.example.org", totp: true, recoveryCodes: true });
    const token = await start(staff.email);
    expect(await check(token, { gate: "totp", code: await totpNow() })).toEqual({ status: "passed", complete: false });
    expect(await describeRecoveryFlow(token)).toMatchObject({ step: 2, choices: ["sms", "email"] });
    expect(await check(token, { gate: "recovery-code", code: staff.recoveryCodes[0]! })).toEqual({ status: "invalid" });
    await expect(completeStaffRecovery({ token, newPassphrase: NEW_PASSPHRASE, ip: IP })).resolves.toEqual({ status: "expired" });
    expect(await passSms(token, staff.phone)).toEqual({ status: "passed", complete: true });

    // Authenticator and recovery codes but no phone, alternate e-mail or questions: no pair is possible.
    const bare = await createRecoverableStaff({ email: "ian.kay@district.example.org", phone: null, altEmail: null, totp: true, recoveryCodes: true });
    const bareToken = await start(bare.email);
    expect(await prisma.staffRecoveryFlow.findFirst({ where: { staffUserId: bare.id } })).toBeNull();
    expect(await check(bareToken, { gate: "recovery-code", code: bare.recoveryCodes[0]! })).toEqual({ status: "invalid" });
  });

  it("wrong authenticator or recovery codes here count on the self-service limits only, never on the owner's sign-in cool-off", async () => {
    const staff = await createRecoverableStaff({ email: "joy.ng@district.example.org", totp: true, recoveryCodes: true });
    for (let i = 0; i < 2; i++) {
      const token = await start(staff.email);
      expect(await check(token, { gate: "totp", code: "000000" })).toEqual({ status: "invalid" });
      expect(await check(token, { gate: "recovery-code", code: "AAAA-AAAA-AAAA-AAAA" })).toEqual({ status: "invalid" });
    }
    const user = await prisma.staffUser.findUniqueOrThrow({ where: { id: staff.id } });
    expect(user.mfaFailedAttempts).toBe(0);
    expect(user.mfaCoolOffUntil).toBeNull();
    expect(await prisma.rateLimitBucket.findFirst({ where: { key: { startsWith: `staff-recovery:failed:${staff.id}` } } })).toMatchObject({ count: 4 });
  });

  it("a stopped second step does not stop the way back, and the reset lifts the stop", async () => {
    const staff = await createRecoverableStaff({ email: "kai.oh@district.example.org", totp: true });
    await prisma.staffUser.update({ where: { id: staff.id }, data: { mfaFailedAttempts: MFA_STOP_AFTER_FAILURES } });
    const token = await start(staff.email);
    expect(await check(token, { gate: "totp", code: await totpNow() })).toEqual({ status: "passed", complete: false });
    expect(await passSms(token, staff.phone)).toEqual({ status: "passed", complete: true });
    expect((await completeStaffRecovery({ token, newPassphrase: NEW_PASSPHRASE, ip: IP })).status).toBe("done");
    expect(await prisma.staffUser.findUniqueOrThrow({ where: { id: staff.id } })).toMatchObject({ mfaFailedAttempts: 0, mfaCoolOffUntil: null });
  });

  it("a sign-in ticket and a passkey challenge from before the reset are gone after it", async () => {
    const staff = await createRecoverableStaff({ email: "lou.pe@district.example.org", totp: true, recoveryCodes: true });
    // Someone who knew the old passphrase got as far as the second step.
    const ticket = await prisma.$transaction((tx) => issueSignInTicket(tx, staff.id));
    await prisma.staffPasskeyChallenge.create({ data: { staffUserId: staff.id, challenge: "old-challenge", expiresAt: new Date(Date.now() + 300_000) } });
    const token = await start(staff.email);
    expect(await check(token, { gate: "recovery-code", code: staff.recoveryCodes[0]! })).toEqual({ status: "passed", complete: false });
    expect(await passSms(token, staff.phone)).toEqual({ status: "passed", complete: true });
    expect((await completeStaffRecovery({ token, newPassphrase: NEW_PASSPHRASE, ip: IP })).status).toBe("done");
    expect(await completeStaffSecondStep(ticket, { kind: "recovery", code: staff.recoveryCodes[1]! }, { ip: IP })).toEqual({ ok: false, reason: "expired" });
    expect(await prisma.staffSignInTicket.count({ where: { staffUserId: staff.id } })).toBe(0);
    expect(await prisma.staffPasskeyChallenge.count({ where: { staffUserId: staff.id } })).toBe(0);
  });

  it("security questions only as a second step, never for a site admin", async () => {
    const helpDesk = await createRecoverableStaff({ email: "fay.nu@district.example.org", altEmail: null, questions: true });
    const token = await start(helpDesk.email);
    expect(await check(token, { gate: "questions", answers: QUESTION_ANSWERS })).toEqual({ status: "invalid" }); // not as step 1
    expect(await passSms(token, helpDesk.phone)).toEqual({ status: "passed", complete: false });
    expect(await describeRecoveryFlow(token)).toMatchObject({ step: 2, choices: ["questions"], hints: { questionKeys: Object.keys(QUESTION_ANSWERS) } });
    expect(await check(token, { gate: "questions", answers: { ...QUESTION_ANSWERS, "first-concert": "wrong" } })).toEqual({ status: "invalid" });
    expect(await check(token, { gate: "questions", answers: { ...QUESTION_ANSWERS, "childhood-street": "  ELM   street " } })).toEqual({ status: "passed", complete: true });

    const admin = await createRecoverableStaff({ email: "gus.ra@district.example.org", role: "SITE_ADMIN", altEmail: null, questions: true });
    const adminToken = await start(admin.email);
    // Phone + questions is all this admin has: not enough, so the flow belongs to nobody.
    expect(await prisma.staffRecoveryFlow.findFirst({ where: { staffUserId: admin.id } })).toBeNull();
    expect(await passSms(adminToken, admin.phone)).toEqual({ status: "invalid" });
  });

  it("a site admin's reset is announced to the other active site admins", async () => {
    const admin = await createRecoverableStaff({ email: "hal.ng@district.example.org", role: "SITE_ADMIN" });
    await createRecoverableStaff({ email: "ivy.oh@district.example.org", role: "SITE_ADMIN" });
    await createRecoverableStaff({ email: "jo.pe@district.example.org", role: "SITE_ADMIN", disabled: true });
    await createRecoverableStaff({ email: "kim.qu@district.example.org", role: "HELP_DESK" });
    const token = await start(admin.email);
    await passSms(token, admin.phone);
    await passEmail(token, admin.altEmail);
    await completeStaffRecovery({ token, newPassphrase: NEW_PASSPHRASE, ip: IP });
    const told = await prisma.emailOutbox.findMany({ where: { template: "staff-admin-reset-notice" } });
    expect(told.map((mail) => mail.toAddress)).toEqual(["ivy.oh@district.example.org"]);
  });

  it("the flow lives 15 minutes", async () => {
    const staff = await createRecoverableStaff({ email: "lu.ra@district.example.org" });
    const token = await start(staff.email);
    const flow = await prisma.staffRecoveryFlow.findFirstOrThrow();
    expect(flow.expiresAt.getTime() - flow.createdAt.getTime()).toBe(15 * 60_000);
    await prisma.staffRecoveryFlow.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await sendRecoveryCode({ token, ip: IP, method: "email" }, fast)).toEqual({ status: "expired" });
    expect(await describeRecoveryFlow(token)).toEqual({ stage: "expired" });
  });
});

describe("unknown, disabled, unregistered and blocked user IDs", () => {
  it("get a flow that nothing can pass, with the same answers", async () => {
    await createRecoverableStaff({ email: "mo.sa@district.example.org", disabled: true });
    await createRecoverableStaff({ email: "ned.ta@district.example.org", phone: null, altEmail: null });
    const blocked = await createRecoverableStaff({ email: "oz.ul@district.example.org" });
    await prisma.staffUser.update({ where: { id: blocked.id }, data: { selfServiceBlockedUntil: new Date(Date.now() + 3_600_000) } });
    for (const userId of ["nobody@district.example.org", "mo.sa@district.example.org", "ned.ta@district.example.org", blocked.email]) {
      const token = await start(userId);
      expect(await describeRecoveryFlow(token)).toEqual({ stage: "verify", step: 1, choices: ["sms", "email", "totp", "recovery-code"], hints: {} });
      expect(await sendRecoveryCode({ token, ip: IP, method: "sms", phone: "+15035550111" }, fast)).toEqual({ status: "sent" });
      expect(await sendRecoveryCode({ token, ip: IP, method: "email" }, fast)).toEqual({ status: "sent" });
      expect(await check(token, { gate: "sms", code: "123456" })).toEqual({ status: "invalid" });
    }
    expect(await prisma.smsOutbox.count()).toBe(0);
    expect(await prisma.emailOutbox.count()).toBe(0);
  });
});

describe("limits and the 24-hour self-service block", () => {
  it("5 failed proofs block self-service (not sign-in); a site admin clears the block", async () => {
    const staff = await createRecoverableStaff({ email: "pia.vo@district.example.org" });
    for (let i = 0; i < 5; i++) {
      const token = await start(staff.email);
      expect(await check(token, { gate: "sms", code: "000000" })).toEqual({ status: "invalid" });
    }
    const user = await prisma.staffUser.findUniqueOrThrow({ where: { id: staff.id } });
    expect(user.selfServiceBlockedUntil!.getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    expect(user.selfServiceBlockReason).toBe("failed-proofs");
    expect(await actions()).toContain("staff.self-service.blocked");

    // Blocked: the flow belongs to nobody, even with the right code.
    const token = await start(staff.email);
    expect(await sendRecoveryCode({ token, ip: IP, method: "sms", phone: staff.phone }, fast)).toEqual({ status: "sent" });
    expect(await prisma.smsOutbox.count()).toBe(0);
    expect(await check(token, { gate: "sms", code: "123456" })).toEqual({ status: "invalid" });
    // Normal sign-in is untouched.
    expect((await authenticateStaff(staff.email, OLD_PASSPHRASE, IP)).ok).toBe(true);

    await prisma.$transaction((tx) => clearSelfServiceBlock(tx, staff.id, { type: "STAFF", id: null, label: "admin", ip: IP }));
    const cleared = await start(staff.email);
    expect(await passSms(cleared, staff.phone)).toEqual({ status: "passed", complete: false });
  });

  it("a sixth use of one method within the hour is refused and blocks", async () => {
    const staff = await createRecoverableStaff({ email: "quin.wu@district.example.org" });
    const token = await start(staff.email);
    for (let i = 0; i < 5; i++) {
      await prisma.staffVerificationCode.updateMany({ data: { createdAt: new Date(Date.now() - 61_000) } }); // past the resend wait
      await sendRecoveryCode({ token, ip: IP, method: "email" }, fast);
    }
    expect(await prisma.emailOutbox.count({ where: { template: "staff-verification-code" } })).toBe(5);
    await prisma.staffVerificationCode.updateMany({ data: { createdAt: new Date(Date.now() - 61_000) } });
    expect(await sendRecoveryCode({ token, ip: IP, method: "email" }, fast)).toEqual({ status: "sent" });
    expect(await prisma.emailOutbox.count({ where: { template: "staff-verification-code" } })).toBe(5);
    expect((await prisma.staffUser.findUniqueOrThrow({ where: { id: staff.id } })).selfServiceBlockReason).toBe("method-limit");
  });

  it("a successful reset clears the counters", async () => {
    const staff = await createRecoverableStaff({ email: "rae.xi@district.example.org" });
    for (let i = 0; i < 4; i++) await check(await start(staff.email), { gate: "sms", code: "000000" });
    const token = await start(staff.email);
    await passSms(token, staff.phone);
    await passEmail(token, staff.altEmail);
    await completeStaffRecovery({ token, newPassphrase: NEW_PASSPHRASE, ip: IP });
    expect(await prisma.rateLimitBucket.count({ where: { key: { startsWith: `staff-recovery:failed:${staff.id}` } } })).toBe(0);
    await check(await start(staff.email), { gate: "sms", code: "000000" });
    expect((await prisma.staffUser.findUniqueOrThrow({ where: { id: staff.id } })).selfServiceBlockedUntil).toBeNull();
  });
});
