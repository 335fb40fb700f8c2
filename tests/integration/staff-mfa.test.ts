// Console two-step sign-in on a real database and a real SMTP server: binding the first
// authenticator needs a mailbox (or site admin) code, never the passphrase alone; TOTP codes are
// never accepted twice, even within one time step; recovery codes work once; ten wrong second
// factors pause the second step for 15 minutes without touching the passphrase; no session
// before the second step; remembered browsers; who must enrol.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generate } from "otplib";
import { prisma } from "@/lib/db";
import { authenticateStaff } from "@/lib/auth/staff-sign-in";
import { createAuthSession, loadSessionPrincipal } from "@/lib/auth/auth-session-store";
import { createSmtpTransport } from "@/lib/mail/mail-transport";
import { processOutboxBatch } from "@/lib/mail/outbox-worker";
import { hashSecret } from "@/lib/security/password-hash";
import { defaultDistrictSettings } from "@/lib/settings/district-settings";
import {
  confirmAuthenticator,
  issueEnrolmentCodeByAdmin,
  pendingAuthenticator,
  sendEnrolmentCodeToMailbox,
  unlockAuthenticatorEnrolment,
  type SelfActor,
} from "@/lib/staff-auth/mfa/enrol-first-authenticator";
import { verifyStaffSecondFactor } from "@/lib/staff-auth/mfa/verify-second-factor";
import { loadStaffMfaStatus } from "@/lib/staff-auth/mfa/staff-mfa-status";
import { staffSignInNextStep } from "@/lib/staff-auth/mfa/staff-sign-in-second-step";
import { completeStaffSecondStep } from "@/lib/staff-auth/mfa/complete-staff-second-step";
import { rememberBrowserToken } from "@/lib/staff-auth/mfa/remember-browser";
import { openTotpSecret } from "@/lib/staff-auth/mfa/totp-secret-box";
import { replaceRecoveryCodes } from "@/lib/staff-auth/mfa/recovery-codes";
import { MFA_COOL_OFF_MINUTES, MFA_STOP_AFTER_FAILURES } from "@/lib/staff-auth/mfa/second-factor-cool-off";
import { clearSelfServiceBlockByAdmin } from "@/lib/staff/manage-staff-security";
import { ActionFailure } from "@/lib/actions/action-result";
import type { StaffActor } from "@/lib/staff/staff-actor";
import { previousStepCode } from "../helpers/previous-step-code";
import { startSmtpCapture, type SmtpCapture } from "../helpers/smtp-capture";
import { registeredSecurityInfo } from "../helpers/staff-security-info";

const PASSPHRASE = "a long staff passphrase for tests";
let seq = 0;
let smtp: SmtpCapture;

async function staffUser(role: "SITE_ADMIN" | "HELP_DESK" = "HELP_DESK") {
  const n = ++seq;
  // Security info registered: these tests are about the second factor, the step before it.
  return prisma.staffUser.create({
    data: { email: `mfa${n}@riverside.example.org`, name: `Mfa ${n}`, role, passwordHash: await hashSecret(PASSPHRASE), securityInfo: { create: registeredSecurityInfo() } },
  });
}

const selfOf = (user: { id: number; email: string }, sessionId = `session-${user.id}`): SelfActor => ({ staffUserId: user.id, email: user.email, ip: "198.51.100.7", sessionId });

async function mailedCode(address: string, notThis?: string): Promise<string> {
  await processOutboxBatch({ transport: createSmtpTransport(smtp.url, { ignoreTLS: true }) });
  const mail = await smtp.waitForMessageTo(address, { where: (m) => m.subject === "Your code to set up two-step sign-in" && !(notThis && m.text.includes(notThis)) });
  return /\b(\d{6})\b/.exec(mail.text)![1]!;
}

/** A person with a bound authenticator; returns its secret (as the app holds it). */
async function enrolled(role: "SITE_ADMIN" | "HELP_DESK" = "HELP_DESK") {
  const user = await staffUser(role);
  const self = selfOf(user);
  expect(await sendEnrolmentCodeToMailbox(self)).toEqual({ ok: true });
  expect(await unlockAuthenticatorEnrolment(self, await mailedCode(user.email))).toEqual({ ok: true });
  const pending = (await pendingAuthenticator(self))!;
  const bound = await confirmAuthenticator(self, await previousStepCode(pending.secret));
  expect(bound.ok).toBe(true);
  return { user, secret: pending.secret, recoveryCodes: bound.ok ? bound.recoveryCodes : [] };
}

const codeAt = (secret: string, date: Date) => generate({ secret, epoch: Math.floor(date.getTime() / 1000) });
const verify = (staffUserId: number, proof: Parameters<typeof verifyStaffSecondFactor>[2], now?: Date) =>
  prisma.$transaction((tx) => verifyStaffSecondFactor(tx, staffUserId, proof, { now }));

beforeAll(async () => {
  smtp = await startSmtpCapture();
});

afterAll(async () => {
  await smtp.stop();
});

beforeEach(async () => {
  const defaults = defaultDistrictSettings();
  await prisma.districtSettings.upsert({ where: { id: 1 }, create: { id: 1, ...defaults }, update: { mfaRequiredForHelpDesk: true, mfaRememberDays: 5 } });
  await prisma.rateLimitBucket.deleteMany();
});

describe("binding the first authenticator", () => {
  it("needs a code from the district mailbox: the passphrase-only session sees no secret before it", async () => {
    const user = await staffUser();
    const self = selfOf(user);
    expect(await pendingAuthenticator(self)).toBeNull();
    expect(await confirmAuthenticator(self, "123456")).toEqual({ ok: false });
    expect(await sendEnrolmentCodeToMailbox(self)).toEqual({ ok: true });
    const code = await mailedCode(user.email);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    expect(await unlockAuthenticatorEnrolment(self, wrong)).toEqual({ ok: false, reason: "invalid" });
    expect(await pendingAuthenticator(self)).toBeNull();
    expect(await unlockAuthenticatorEnrolment(self, code)).toEqual({ ok: true });
    const pending = await pendingAuthenticator(self);
    expect(pending?.secret).toMatch(/^[A-Z2-7]{32}$/); // 20 bytes, Base32
    expect(pending?.uri).toContain("otpauth://totp/");
    // Another session of the same person (someone else who knows the passphrase) sees nothing.
    expect(await pendingAuthenticator({ ...self, sessionId: "another-session" })).toBeNull();
    expect(await confirmAuthenticator({ ...self, sessionId: "another-session" }, await codeAt(pending!.secret, new Date()))).toEqual({ ok: false });
    const events = await prisma.auditEvent.findMany({ where: { actorId: user.id, action: { startsWith: "staff.mfa." } }, orderBy: { id: "asc" } });
    expect(events.map((event) => event.action)).toEqual(["staff.mfa.enrolment-code.send", "staff.mfa.enrolment-code.failed", "staff.mfa.enrolment-code.accepted"]);
  });

  it("binds on a right app code, stores the secret sealed, makes 10 recovery codes and tells the person", async () => {
    const { user, secret, recoveryCodes } = await enrolled();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    const row = await prisma.staffTotp.findUniqueOrThrow({ where: { staffUserId: user.id } });
    expect(row.confirmedAt).not.toBeNull();
    expect(row.secretEnc).not.toContain(secret);
    expect(openTotpSecret(row.secretEnc, user.id)).toBe(secret);
    expect(openTotpSecret(row.secretEnc, user.id + 1)).toBeNull(); // bound to its owner
    const stored = await prisma.staffRecoveryCode.findMany({ where: { staffUserId: user.id } });
    expect(stored.every((code) => code.codeHash.startsWith("$argon2id$"))).toBe(true);
    expect(JSON.stringify(stored)).not.toContain(recoveryCodes[0]!.replaceAll("-", ""));
    expect(await loadStaffMfaStatus(prisma, user.id)).toEqual({ totp: true, passkeys: 0, recoveryCodesLeft: 10 });
    await processOutboxBatch({ transport: createSmtpTransport(smtp.url, { ignoreTLS: true }) });
    const notice = await smtp.waitForMessageTo(user.email, { where: (mail) => mail.subject === "Two-step sign-in changed on your staff console account" });
    expect(notice.text).toContain("An authenticator app was set up");
    // A second binding is refused: replacing the app is not a setup step.
    expect(await unlockAuthenticatorEnrolment(selfOf(user), "000000")).toEqual({ ok: false, reason: "already-bound" });
  });

  it("accepts a one-time code a site admin made instead of the mailbox code; help desk cannot make one", async () => {
    const admin = await staffUser("SITE_ADMIN");
    const adminActor: StaffActor = { staffUserId: admin.id, email: admin.email, role: "SITE_ADMIN", ip: "198.51.100.8" };
    const user = await staffUser();
    const { code } = await issueEnrolmentCodeByAdmin(adminActor, user.id);
    expect(await unlockAuthenticatorEnrolment(selfOf(user), code)).toEqual({ ok: true });
    expect(await prisma.auditEvent.count({ where: { action: "staff.mfa.enrolment-code.issue", actorId: admin.id } })).toBe(1);
    expect(await prisma.auditEvent.findFirst({ where: { action: "staff.mfa.enrolment-code.accepted", actorId: user.id } })).toMatchObject({ details: { via: "site-admin" } });
    const desk = await staffUser();
    await expect(issueEnrolmentCodeByAdmin({ staffUserId: desk.id, email: desk.email, role: "HELP_DESK", ip: "198.51.100.8" }, user.id)).rejects.toThrow(/Forbidden/);
    await expect(issueEnrolmentCodeByAdmin(adminActor, admin.id)).rejects.toBeInstanceOf(ActionFailure);
  });
});

describe("limits on the mailbox enrolment code (whoever knows the passphrase reaches this step)", () => {
  const pastResendWait = (staffUserId: number) =>
    prisma.staffVerificationCode.updateMany({ where: { staffUserId }, data: { createdAt: new Date(Date.now() - 61_000) } });
  const wrongFor = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

  it("sends at most 5 mailbox codes an hour per person, whatever the session or address", async () => {
    const user = await staffUser();
    for (let i = 0; i < 5; i++) {
      expect(await sendEnrolmentCodeToMailbox(selfOf(user, `session-${i}`))).toEqual({ ok: true });
      await pastResendWait(user.id);
    }
    expect(await sendEnrolmentCodeToMailbox({ ...selfOf(user, "another"), ip: "203.0.113.99" })).toMatchObject({ ok: false, reason: "resend_too_soon" });
    expect(await prisma.emailOutbox.count({ where: { toAddress: user.email, template: "staff-mfa-enrolment-code" } })).toBe(5);
  });

  it("10 wrong entries across codes lock the mailbox route for 24 hours: told, audited, and only a site admin's code works", async () => {
    const user = await staffUser();
    const self = selfOf(user);
    expect(await sendEnrolmentCodeToMailbox(self)).toEqual({ ok: true });
    const first = await mailedCode(user.email);
    for (let i = 0; i < 9; i++) expect(await unlockAuthenticatorEnrolment(self, wrongFor(first))).toEqual({ ok: false, reason: "invalid" });
    await pastResendWait(user.id);
    expect(await sendEnrolmentCodeToMailbox(self)).toEqual({ ok: true }); // 9 wrong: not locked yet
    const second = await mailedCode(user.email, first);
    expect(await unlockAuthenticatorEnrolment(self, wrongFor(second))).toEqual({ ok: false, reason: "invalid" }); // the 10th
    // Locked: even the right mailbox code is refused, with the same answer, and no new one is sent.
    expect(await unlockAuthenticatorEnrolment(self, second)).toEqual({ ok: false, reason: "invalid" });
    expect(await pendingAuthenticator(self)).toBeNull();
    await pastResendWait(user.id);
    expect(await sendEnrolmentCodeToMailbox(self)).toEqual({ ok: false, reason: "locked" });
    expect(await prisma.auditEvent.count({ where: { action: "staff.mfa.enrolment.locked", actorId: user.id } })).toBe(1);
    await processOutboxBatch({ transport: createSmtpTransport(smtp.url, { ignoreTLS: true }) });
    const notice = await smtp.waitForMessageTo(user.email, { where: (mail) => mail.subject === "Two-step sign-in setup locked on your staff console account" });
    expect(notice.text).toContain("ask a site admin for an enrolment code");

    const admin = await staffUser("SITE_ADMIN");
    const { code } = await issueEnrolmentCodeByAdmin({ staffUserId: admin.id, email: admin.email, role: "SITE_ADMIN", ip: "198.51.100.8" }, user.id);
    expect(await unlockAuthenticatorEnrolment(self, code)).toEqual({ ok: true });
    expect(await prisma.auditEvent.findFirst({ where: { action: "staff.mfa.enrolment-code.accepted", actorId: user.id } })).toMatchObject({ details: { via: "site-admin" } });
  });
});

describe("verifyStaffSecondFactor", () => {
  it("never accepts a TOTP code twice, even within the same 30-second step; the next step's code works", async () => {
    const { user, secret } = await enrolled();
    const now = new Date();
    const code = await codeAt(secret, now);
    expect(await verify(user.id, { kind: "totp", code }, now)).toEqual({ ok: true, kind: "totp" });
    expect(await verify(user.id, { kind: "totp", code }, now)).toEqual({ ok: false });
    expect(await verify(user.id, { kind: "totp", code }, new Date(now.getTime() + 5_000))).toEqual({ ok: false });
    const later = new Date(now.getTime() + 30_000);
    expect(await verify(user.id, { kind: "totp", code: await codeAt(secret, later) }, later)).toEqual({ ok: true, kind: "totp" });
    // An older step's code is refused once a newer one was used.
    expect(await verify(user.id, { kind: "totp", code }, later)).toEqual({ ok: false });
  });

  it("accepts the same code only once when two checks race", async () => {
    const { user, secret } = await enrolled();
    const now = new Date();
    const code = await codeAt(secret, now);
    const results = await Promise.all([verify(user.id, { kind: "totp", code }, now), verify(user.id, { kind: "totp", code }, now)]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });

  it("takes each recovery code once, tells the person, and a new set voids the old one", async () => {
    const { user, recoveryCodes } = await enrolled();
    const [first, second] = recoveryCodes as [string, string];
    expect(await verify(user.id, { kind: "recovery", code: first.toLowerCase().replaceAll("-", " ") })).toEqual({ ok: true, kind: "recovery" });
    expect(await verify(user.id, { kind: "recovery", code: first })).toEqual({ ok: false });
    expect((await loadStaffMfaStatus(prisma, user.id)).recoveryCodesLeft).toBe(9);
    expect(await prisma.auditEvent.findFirst({ where: { action: "staff.mfa.recovery-code-used", actorId: user.id } })).toMatchObject({ details: { left: 9 } });
    await processOutboxBatch({ transport: createSmtpTransport(smtp.url, { ignoreTLS: true }) });
    const notice = await smtp.waitForMessageTo(user.email, { where: (mail) => mail.text.includes("recovery codes was used") });
    expect(notice.text).toContain("You have 9 recovery codes left.");
    const fresh = await prisma.$transaction((tx) => replaceRecoveryCodes(tx, user.id));
    expect(await verify(user.id, { kind: "recovery", code: second })).toEqual({ ok: false });
    expect(await verify(user.id, { kind: "recovery", code: fresh[0]! })).toEqual({ ok: true, kind: "recovery" });
  });

  it("pauses the second step for 15 minutes after 10 wrong answers in a row; the passphrase still works; the pause ends on its own", async () => {
    const { user, secret } = await enrolled();
    const start = new Date();
    for (let i = 0; i < 9; i++) expect(await verify(user.id, { kind: "totp", code: "000000" }, start)).toEqual({ ok: false });
    expect((await prisma.staffUser.findUniqueOrThrow({ where: { id: user.id } })).mfaFailedAttempts).toBe(9);
    expect(await verify(user.id, { kind: "recovery", code: "AAAA-AAAA-AAAA-AAAA" }, start)).toEqual({ ok: false });
    const during = new Date(start.getTime() + 60_000);
    expect(await verify(user.id, { kind: "totp", code: await codeAt(secret, during) }, during)).toEqual({ ok: false, reason: "cooling_off" });
    expect(await prisma.auditEvent.count({ where: { action: "staff.mfa.cool-off", actorId: user.id } })).toBe(1);
    expect(await authenticateStaff(user.email, PASSPHRASE, "198.51.100.9")).toMatchObject({ ok: true });
    const after = new Date(start.getTime() + MFA_COOL_OFF_MINUTES * 60_000 + 1_000);
    expect(await verify(user.id, { kind: "totp", code: await codeAt(secret, after) }, after)).toEqual({ ok: true, kind: "totp" });
    expect((await prisma.staffUser.findUniqueOrThrow({ where: { id: user.id } })).mfaFailedAttempts).toBe(0);
  });

  it("counts failures until a right answer: pauses double (15, 30, ... minutes) and 100 in a row stop the step until a site admin clears it", async () => {
    const { user, secret } = await enrolled();
    let now = Date.now();
    const wrongTen = async () => {
      for (let i = 0; i < 10; i++) await verify(user.id, { kind: "totp", code: "000000" }, new Date(now));
    };
    await wrongTen();
    let row = await prisma.staffUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.mfaFailedAttempts).toBe(10); // not back to 0 when the pause starts
    expect(row.mfaCoolOffUntil!.getTime() - now).toBe(15 * 60_000);
    now = row.mfaCoolOffUntil!.getTime() + 1_000;
    await wrongTen();
    row = await prisma.staffUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.mfaFailedAttempts).toBe(20);
    expect(row.mfaCoolOffUntil!.getTime() - now).toBe(30 * 60_000);
    // Fast-forward to 99 in a row (pauses over); the 100th stops the second step for good.
    await prisma.staffUser.update({ where: { id: user.id }, data: { mfaFailedAttempts: MFA_STOP_AFTER_FAILURES - 1, mfaCoolOffUntil: null } });
    expect(await verify(user.id, { kind: "totp", code: "000000" }, new Date(now))).toEqual({ ok: false });
    expect(await prisma.auditEvent.count({ where: { action: "staff.mfa.stopped", actorId: user.id } })).toBe(1);
    const years = new Date(now + 365 * 86_400_000);
    expect(await verify(user.id, { kind: "totp", code: await codeAt(secret, years) }, years)).toEqual({ ok: false, reason: "cooling_off" });
    expect((await prisma.staffUser.findUniqueOrThrow({ where: { id: user.id } })).mfaFailedAttempts).toBe(MFA_STOP_AFTER_FAILURES);

    const admin = await staffUser("SITE_ADMIN");
    expect(await clearSelfServiceBlockByAdmin({ staffUserId: admin.id, email: admin.email, role: "SITE_ADMIN", ip: "198.51.100.8" }, user.id)).toEqual({ wasBlocked: false, secondStepWasPaused: true });
    expect(await prisma.auditEvent.findFirst({ where: { action: "staff.mfa.stop-cleared", actorId: admin.id } })).toMatchObject({ details: { staffUserId: user.id, failures: MFA_STOP_AFTER_FAILURES } });
    const later = new Date();
    expect(await verify(user.id, { kind: "totp", code: await codeAt(secret, later) }, later)).toEqual({ ok: true, kind: "totp" });
  });

  it("a right answer resets the count, so the owner's own typos never add up to a pause", async () => {
    const { user, secret } = await enrolled();
    let now = Date.now();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 9; i++) await verify(user.id, { kind: "totp", code: "000000" }, new Date(now));
      now += 30_000;
      expect(await verify(user.id, { kind: "totp", code: await codeAt(secret, new Date(now)) }, new Date(now))).toEqual({ ok: true, kind: "totp" });
    }
    const failures = await prisma.auditEvent.count({ where: { action: "staff.mfa.failure", actorId: user.id } });
    expect(failures).toBe(18);
  });

  it("refuses a forged passkey assertion", async () => {
    const { user } = await enrolled();
    await prisma.staffPasskey.create({ data: { staffUserId: user.id, credentialId: "Y3JlZA", publicKey: Buffer.from([1, 2, 3]), name: "Key" } });
    const response = { id: "Y3JlZA", rawId: "Y3JlZA", type: "public-key", response: { clientDataJSON: "e30", authenticatorData: "AA", signature: "AA" }, clientExtensionResults: {} } as const;
    expect(await verify(user.id, { kind: "passkey", response, expectedChallenge: "abc" })).toEqual({ ok: false });
  });
});

describe("console sign-in second step", () => {
  it("gives no session before the second step: a ticket, used once, then the session", async () => {
    const { user, secret } = await enrolled("SITE_ADMIN");
    const next = await staffSignInNextStep(user.id, null, "198.51.100.10");
    expect(next.kind).toBe("second-step");
    const ticket = next.kind === "second-step" ? next.ticket : "";
    expect(await prisma.authSession.count({ where: { staffUserId: user.id } })).toBe(0);
    expect(await prisma.staffSignInTicket.findFirst({ where: { id: ticket } })).toBeNull(); // stored hashed
    expect(await completeStaffSecondStep(ticket, { kind: "totp", code: "000000" }, { ip: null })).toEqual({ ok: false, reason: "invalid" });
    const done = await completeStaffSecondStep(ticket, { kind: "totp", code: await codeAt(secret, new Date()) }, { ip: null });
    expect(done).toMatchObject({ ok: true, staffUserId: user.id, rememberDays: 0 });
    const third = new Date(Date.now() + 30_000);
    expect(await completeStaffSecondStep(ticket, { kind: "totp", code: await codeAt(secret, third) }, { ip: null })).toEqual({ ok: false, reason: "expired" });
    expect(await completeStaffSecondStep(null, { kind: "totp", code: "123456" }, { ip: null })).toEqual({ ok: false, reason: "expired" });
  });

  it("voids a ticket after 5 wrong answers (the passphrase is needed again)", async () => {
    const { user, secret } = await enrolled();
    const next = await staffSignInNextStep(user.id, null, null);
    const ticket = next.kind === "second-step" ? next.ticket : "";
    for (let i = 0; i < 5; i++) expect(await completeStaffSecondStep(ticket, { kind: "totp", code: "000000" }, { ip: null })).toEqual({ ok: false, reason: "invalid" });
    expect(await completeStaffSecondStep(ticket, { kind: "totp", code: await codeAt(secret, new Date()) }, { ip: null })).toEqual({ ok: false, reason: "expired" });
  });

  it("skips the second step on a remembered browser for help desk, never for site admins, and not after a passphrase change", async () => {
    const desk = await enrolled("HELP_DESK");
    const deskHash = desk.user.passwordHash!;
    expect(await staffSignInNextStep(desk.user.id, rememberBrowserToken(desk.user.id, deskHash), null)).toEqual({ kind: "session" });
    expect(await prisma.auditEvent.count({ where: { action: "staff.mfa.remembered-browser", actorId: desk.user.id } })).toBe(1);
    // Another person's token, an expired one, or one from before a passphrase change: asked again.
    expect((await staffSignInNextStep(desk.user.id, rememberBrowserToken(desk.user.id + 99, deskHash), null)).kind).toBe("second-step");
    expect((await staffSignInNextStep(desk.user.id, rememberBrowserToken(desk.user.id, deskHash, Date.now() - 6 * 86_400_000), null)).kind).toBe("second-step");
    await prisma.staffUser.update({ where: { id: desk.user.id }, data: { passwordHash: await hashSecret("a different long passphrase") } });
    expect((await staffSignInNextStep(desk.user.id, rememberBrowserToken(desk.user.id, deskHash), null)).kind).toBe("second-step");
    // The district turned it off.
    await prisma.districtSettings.update({ where: { id: 1 }, data: { mfaRememberDays: 0 } });
    const fresh = (await prisma.staffUser.findUniqueOrThrow({ where: { id: desk.user.id } })).passwordHash!;
    expect((await staffSignInNextStep(desk.user.id, rememberBrowserToken(desk.user.id, fresh), null)).kind).toBe("second-step");
    const admin = await enrolled("SITE_ADMIN");
    expect((await staffSignInNextStep(admin.user.id, rememberBrowserToken(admin.user.id, admin.user.passwordHash!), null)).kind).toBe("second-step");
  });

  it("restricts a session to enrolment when two-step sign-in is required and nothing is bound yet", async () => {
    const admin = await staffUser("SITE_ADMIN");
    const desk = await staffUser("HELP_DESK");
    expect(await staffSignInNextStep(admin.id, null, null)).toEqual({ kind: "session" });
    const adminSession = await loadSessionPrincipal(await createAuthSession({ staffUserId: admin.id }, {}));
    expect(adminSession).toMatchObject({ setupStep: "enrol-second-factor" });
    expect(await loadSessionPrincipal(await createAuthSession({ staffUserId: desk.id }, {}))).toMatchObject({ setupStep: "enrol-second-factor" });
    await prisma.districtSettings.update({ where: { id: 1 }, data: { mfaRequiredForHelpDesk: false } });
    // Security info is registered in these fixtures: past enrolment the console opens.
    expect(await loadSessionPrincipal(await createAuthSession({ staffUserId: desk.id }, {}))).toMatchObject({ setupStep: null });
    expect(await loadSessionPrincipal(adminSession!.sessionId)).toMatchObject({ setupStep: "enrol-second-factor" });
    const enrolledAdmin = await enrolled("SITE_ADMIN");
    expect(await loadSessionPrincipal(await createAuthSession({ staffUserId: enrolledAdmin.user.id }, {}))).toMatchObject({ setupStep: null });
  });
});
