// Issue 9, item 2 on a real database: staff register a phone and an alternate e-mail (each
// confirmed by a code sent through the outboxes), security questions (normalized, argon2id,
// never stored in clear), at least 2 of 3 before the console opens, re-confirmed after the
// district's interval or when an admin asks, every change needing a passphrase typed in the
// last 10 minutes and announced through another channel.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { ActionFailure } from "@/lib/actions/action-result";
import { createAuthSession, loadSessionPrincipal } from "@/lib/auth/auth-session-store";
import { hashSecret } from "@/lib/security/password-hash";
import { hasRecentReauthentication, reauthenticateStaff } from "@/lib/staff-auth/reauthentication";
import { confirmSecurityInfoCode } from "@/lib/staff-auth/security-info/confirm-security-info-code";
import { loadStaffSecurityInfo } from "@/lib/staff-auth/security-info/load-staff-security-info";
import { reconfirmSecurityInfo } from "@/lib/staff-auth/security-info/reconfirm-security-info";
import { removeOwnSecurityMethod } from "@/lib/staff-auth/security-info/remove-security-method";
import { saveSecurityQuestions } from "@/lib/staff-auth/security-info/save-security-questions";
import type { SecurityInfoActor } from "@/lib/staff-auth/security-info/security-info-actor";
import { securityQuestionsSchema } from "@/lib/staff-auth/security-info/security-info-schemas";
import { requireSecurityInfoReregistration } from "@/lib/staff-auth/security-info/security-info-pending";
import { sendSecurityInfoCode } from "@/lib/staff-auth/security-info/send-security-info-code";
import { verifySecurityAnswers } from "@/lib/staff-auth/security-info/verify-security-answers";
import { nextStaffSetupStep } from "@/lib/staff-auth/staff-setup-step";

const PASSPHRASE = "river stones under a quiet bridge";
const PHONE = "+15035550123";
const ALT = "ida.lead@gmail.example.com";
let actor: SecurityInfoActor;

const QUESTIONS = {
  questions: [
    { key: "first-pet-name", answer: "Biscuit" },
    { key: "childhood-street", answer: "  Elm   Street " },
    { key: "favorite-teacher", answer: "Okonkwo" },
  ],
};

async function failureOf(promise: Promise<unknown>): Promise<ActionFailure> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ActionFailure);
  return error as ActionFailure;
}

async function lastSmsCode(to: string): Promise<string> {
  const row = await prisma.smsOutbox.findFirstOrThrow({ where: { toNumber: to, template: "staff-verification-code" }, orderBy: { id: "desc" } });
  return (row.params as { code: string }).code;
}

async function lastMailCode(to: string): Promise<string> {
  const row = await prisma.emailOutbox.findFirstOrThrow({ where: { toAddress: to, template: "staff-verification-code" }, orderBy: { id: "desc" } });
  return (row.params as { code: string }).code;
}

const staffUser = () => prisma.staffUser.findUniqueOrThrow({ where: { id: actor.staffUserId } });
const noticesTo = (to: string) => prisma.emailOutbox.count({ where: { toAddress: to, template: "staff-security-notice" } });
const smsNoticesTo = (to: string) => prisma.smsOutbox.count({ where: { toNumber: to, template: "staff-security-notice" } });

async function registerPhone() {
  await sendSecurityInfoCode(actor, { method: "phone", phone: PHONE });
  return confirmSecurityInfoCode(actor, "phone", await lastSmsCode(PHONE));
}

async function registerAltEmail() {
  await sendSecurityInfoCode(actor, { method: "altEmail", email: ALT });
  return confirmSecurityInfoCode(actor, "altEmail", await lastMailCode(ALT));
}

beforeEach(async () => {
  await prisma.rateLimitBucket.deleteMany();
  await prisma.emailOutbox.deleteMany();
  await prisma.smsOutbox.deleteMany();
  await prisma.auditEvent.deleteMany();
  await prisma.staffUser.deleteMany();
  await prisma.districtSettings.deleteMany();
  const row = await prisma.staffUser.create({
    data: {
      email: "ida.lead@riverside.example.org",
      name: "Ida Lead",
      role: "SITE_ADMIN",
      passwordHash: await hashSecret(PASSPHRASE),
      // An authenticator already bound: these tests are about the step after it.
      totp: { create: { secretEnc: "bound-in-an-earlier-step", confirmedAt: new Date() } },
    },
  });
  const sessionId = await createAuthSession({ staffUserId: row.id }, { ip: "192.0.2.1" });
  actor = { staffUserId: row.id, email: row.email, role: row.role, ip: "192.0.2.1", sessionId };
});

describe("re-authentication", () => {
  it("a fresh sign-in counts; after 10 minutes a change needs the passphrase again, and a wrong one is refused", async () => {
    expect(await hasRecentReauthentication(actor.sessionId)).toBe(true);
    await prisma.authSession.update({ where: { id: actor.sessionId }, data: { reauthenticatedAt: new Date(Date.now() - 11 * 60_000) } });
    expect(await hasRecentReauthentication(actor.sessionId)).toBe(false);
    const refused = await failureOf(sendSecurityInfoCode(actor, { method: "phone", phone: PHONE }));
    expect(refused.code).toBe("unauthorized");
    expect(await prisma.smsOutbox.count()).toBe(0);
    for (const change of [confirmSecurityInfoCode(actor, "phone", "123456"), saveSecurityQuestions(actor, securityQuestionsSchema.parse(QUESTIONS)), reconfirmSecurityInfo(actor), removeOwnSecurityMethod(actor, "phone")]) {
      expect((await failureOf(change)).code).toBe("unauthorized");
    }

    const wrong = await failureOf(reauthenticateStaff(actor, actor.sessionId, "not my passphrase at all"));
    expect(wrong.fieldErrors?.passphrase).toEqual(["That is not your passphrase."]);
    expect(await hasRecentReauthentication(actor.sessionId)).toBe(false);
    await reauthenticateStaff(actor, actor.sessionId, PASSPHRASE);
    expect(await hasRecentReauthentication(actor.sessionId)).toBe(true);
    await sendSecurityInfoCode(actor, { method: "phone", phone: PHONE });
    const actions = (await prisma.auditEvent.findMany({ orderBy: { id: "asc" } })).map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(["staff.reauthenticate.failed", "staff.reauthenticate", "staff.security-info.code-sent"]));
  });

  it("allows 5 passphrase tries per 15 minutes, then refuses even the right one", async () => {
    await prisma.authSession.update({ where: { id: actor.sessionId }, data: { reauthenticatedAt: null } });
    for (let i = 0; i < 5; i++) await failureOf(reauthenticateStaff(actor, actor.sessionId, `wrong guess ${i}`));
    expect((await failureOf(reauthenticateStaff(actor, actor.sessionId, PASSPHRASE))).code).toBe("rate_limited");
    expect(await hasRecentReauthentication(actor.sessionId)).toBe(false);
  });

  it("another person's session cannot be marked", async () => {
    const other = await prisma.staffUser.create({ data: { email: "desk@riverside.example.org", name: "Desk", role: "HELP_DESK", passwordHash: await hashSecret("another long passphrase here") } });
    const otherSession = await createAuthSession({ staffUserId: other.id }, {});
    await prisma.authSession.update({ where: { id: otherSession }, data: { reauthenticatedAt: null } });
    await failureOf(reauthenticateStaff(actor, otherSession, PASSPHRASE));
    expect(await hasRecentReauthentication(otherSession)).toBe(false);
  });
});

describe("mobile phone and alternate e-mail, confirmed by a code", () => {
  it("stores the phone only after the texted code is typed back, and tells the district mailbox, not the phone", async () => {
    const sent = await sendSecurityInfoCode(actor, { method: "phone", phone: PHONE });
    expect(sent.sentTo).toBe("+1 ••• ••• ••23");
    expect((await loadStaffSecurityInfo(prisma, actor.staffUserId)).phone).toBeNull();
    const code = await lastSmsCode(PHONE);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    expect((await failureOf(confirmSecurityInfoCode(actor, "phone", wrong))).fieldErrors?.code?.[0]).toMatch(/not right/);
    expect((await loadStaffSecurityInfo(prisma, actor.staffUserId)).phone).toBeNull();

    await confirmSecurityInfoCode(actor, "phone", code);
    expect((await loadStaffSecurityInfo(prisma, actor.staffUserId)).phone).toEqual({ e164: PHONE, masked: "+1 ••• ••• ••23" });
    expect(await noticesTo("ida.lead@riverside.example.org")).toBe(1);
    expect(await smsNoticesTo(PHONE)).toBe(0);
    // A used code does not work twice.
    expect((await failureOf(confirmSecurityInfoCode(actor, "phone", code))).code).toBe("invalid");
    const audit = await prisma.auditEvent.findMany({ where: { action: { startsWith: "staff.security-info" } } });
    expect(audit.map((event) => event.action)).toEqual(["staff.security-info.code-sent", "staff.security-info.code-failed", "staff.security-info.phone-set", "staff.security-info.code-failed"]);
    expect(JSON.stringify(audit.map((event) => event.details))).not.toContain(code);
  });

  it("refuses an alternate e-mail in a district staff domain (and its subdomains), naming the help desk", async () => {
    for (const email of ["ida@riverside.example.org", "ida@mail.riverside.example.net"]) {
      const refused = await failureOf(sendSecurityInfoCode(actor, { method: "altEmail", email }));
      expect(refused.fieldErrors?.email?.[0]).toMatch(/outside the district/);
      expect(refused.fieldErrors?.email?.[0]).toMatch(/help desk/);
    }
    expect(await prisma.emailOutbox.count()).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: "staff.security-info.alt-email-refused" } })).toBe(2);
  });

  it("confirms an alternate e-mail by mailed code; the notice goes to the district mailbox and the phone, not the new address", async () => {
    await registerPhone();
    await registerAltEmail();
    const view = await loadStaffSecurityInfo(prisma, actor.staffUserId);
    expect(view.altEmail).toEqual({ address: ALT, masked: "i***@gmail.example.com" });
    expect(await noticesTo("ida.lead@riverside.example.org")).toBe(2);
    expect(await noticesTo(ALT)).toBe(0);
    expect(await smsNoticesTo(PHONE)).toBe(1);
  });

  it("waits 60 seconds between codes and allows 5 per hour", async () => {
    await sendSecurityInfoCode(actor, { method: "phone", phone: PHONE });
    expect((await failureOf(sendSecurityInfoCode(actor, { method: "phone", phone: PHONE }))).message).toMatch(/Wait \d+ seconds/);
    for (let i = 0; i < 3; i++) {
      await prisma.staffVerificationCode.updateMany({ data: { createdAt: new Date(Date.now() - 61_000) } });
      await sendSecurityInfoCode(actor, { method: "phone", phone: PHONE });
    }
    await prisma.staffVerificationCode.updateMany({ data: { createdAt: new Date(Date.now() - 61_000) } });
    expect((await failureOf(sendSecurityInfoCode(actor, { method: "phone", phone: PHONE }))).code).toBe("rate_limited");
    expect(await prisma.smsOutbox.count()).toBe(4);
  });
});

describe("security questions", () => {
  it("validates: three different questions from the list, 3-40 characters, different answers", () => {
    const issues = (questions: { key: string; answer: string }[]) => {
      const parsed = securityQuestionsSchema.safeParse({ questions });
      return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
    };
    expect(issues(QUESTIONS.questions)).toEqual([]);
    expect(issues(QUESTIONS.questions.slice(0, 2))).toContain("Answer 3 questions.");
    expect(issues([...QUESTIONS.questions.slice(0, 2), { key: "first-pet-name", answer: "Other" }])).toContain("Choose three different questions.");
    expect(issues([...QUESTIONS.questions.slice(0, 2), { key: "my-own-question", answer: "Other" }])).toContain("Choose a question from the list.");
    expect(issues([...QUESTIONS.questions.slice(0, 2), { key: "first-car-model", answer: " a  " }])).toContain("Use at least 3 characters.");
    expect(issues([...QUESTIONS.questions.slice(0, 2), { key: "first-car-model", answer: "x".repeat(41) }])).toContain("Use at most 40 characters.");
    expect(issues([...QUESTIONS.questions.slice(0, 2), { key: "first-car-model", answer: "BISCUIT" }])).toContain("Give a different answer to each question.");
  });

  it("stores only argon2id hashes and matches answers after NFKC, case folding and space collapsing", async () => {
    await saveSecurityQuestions(actor, securityQuestionsSchema.parse(QUESTIONS));
    const rows = await prisma.staffSecurityAnswer.findMany();
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.answerHash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(rows).toLowerCase()).not.toMatch(/biscuit|elm street|okonkwo/);
    expect((await loadStaffSecurityInfo(prisma, actor.staffUserId)).questions).toEqual({ questionKeys: ["first-pet-name", "childhood-street", "favorite-teacher"] });

    // Full-width letters, other case, extra spaces: the same answers.
    expect(await verifySecurityAnswers(prisma, actor.staffUserId, { "first-pet-name": "ＢＩＳＣＵＩＴ", "childhood-street": "elm street", "favorite-teacher": " okonkwo " })).toBe(true);
    expect(await verifySecurityAnswers(prisma, actor.staffUserId, { "first-pet-name": "biscuit", "childhood-street": "elm street", "favorite-teacher": "wrong" })).toBe(false);
    // An answer is bound to its question: swapped answers fail.
    expect(await verifySecurityAnswers(prisma, actor.staffUserId, { "first-pet-name": "elm street", "childhood-street": "biscuit", "favorite-teacher": "okonkwo" })).toBe(false);
    // Only two answered, or another question asked: fails.
    expect(await verifySecurityAnswers(prisma, actor.staffUserId, { "first-pet-name": "biscuit", "childhood-street": "elm street" })).toBe(false);
    expect(await verifySecurityAnswers(prisma, actor.staffUserId, { "first-pet-name": "biscuit", "childhood-street": "elm street", "first-car-model": "okonkwo" })).toBe(false);
    // Nobody registered: false, after the same three verifications.
    expect(await verifySecurityAnswers(prisma, 999_999, { "first-pet-name": "biscuit", "childhood-street": "elm street", "favorite-teacher": "okonkwo" })).toBe(false);
    expect(await noticesTo("ida.lead@riverside.example.org")).toBe(1);
  });

  it("when the district turns questions off they neither verify, count, nor can be set", async () => {
    await saveSecurityQuestions(actor, securityQuestionsSchema.parse(QUESTIONS));
    await registerPhone();
    expect(await nextStaffSetupStep(await staffUser())).toBeNull();
    await prisma.districtSettings.update({ where: { id: 1 }, data: { staffSecurityQuestionsEnabled: false } });
    expect((await loadStaffSecurityInfo(prisma, actor.staffUserId)).questions).toBeNull();
    expect(await verifySecurityAnswers(prisma, actor.staffUserId, { "first-pet-name": "biscuit", "childhood-street": "elm street", "favorite-teacher": "okonkwo" })).toBe(false);
    expect(await nextStaffSetupStep(await staffUser())).toBe("register-security-info");
    expect((await failureOf(saveSecurityQuestions(actor, securityQuestionsSchema.parse(QUESTIONS)))).code).toBe("forbidden");
  });
});

describe("the register-security-info setup step", () => {
  it("holds the console until 2 of 3 methods are registered", async () => {
    expect(await nextStaffSetupStep(await staffUser())).toBe("register-security-info");
    expect(await loadSessionPrincipal(actor.sessionId)).toMatchObject({ setupStep: "register-security-info" });
    await registerPhone();
    expect(await nextStaffSetupStep(await staffUser())).toBe("register-security-info");
    await registerAltEmail();
    expect(await nextStaffSetupStep(await staffUser())).toBeNull();
    expect(await loadSessionPrincipal(actor.sessionId)).toMatchObject({ setupStep: null });
  });

  it("asks again after the re-confirm interval (district setting) and after an admin requires it; re-confirming answers both", async () => {
    await registerPhone();
    await registerAltEmail();
    await prisma.staffSecurityInfo.update({ where: { staffUserId: actor.staffUserId }, data: { confirmedAt: new Date(Date.now() - 179 * 86_400_000) } });
    expect(await nextStaffSetupStep(await staffUser())).toBeNull();
    await prisma.staffSecurityInfo.update({ where: { staffUserId: actor.staffUserId }, data: { confirmedAt: new Date(Date.now() - 181 * 86_400_000) } });
    expect(await nextStaffSetupStep(await staffUser())).toBe("register-security-info");
    await prisma.districtSettings.update({ where: { id: 1 }, data: { staffSecurityInfoReconfirmDays: 365 } });
    expect(await nextStaffSetupStep(await staffUser())).toBeNull();
    await prisma.districtSettings.update({ where: { id: 1 }, data: { staffSecurityInfoReconfirmDays: 180 } });

    await reconfirmSecurityInfo(actor);
    expect(await nextStaffSetupStep(await staffUser())).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await requireSecurityInfoReregistration(prisma, actor.staffUserId);
    expect(await nextStaffSetupStep(await staffUser())).toBe("register-security-info");
    await reconfirmSecurityInfo(actor);
    expect(await nextStaffSetupStep(await staffUser())).toBeNull();
    expect(await prisma.auditEvent.count({ where: { action: "staff.security-info.confirmed" } })).toBe(2);
  });

  it("a person cannot remove a method below two, and a removal is announced through the remaining channels", async () => {
    await registerPhone();
    await registerAltEmail();
    expect((await failureOf(removeOwnSecurityMethod(actor, "phone"))).code).toBe("conflict");
    await saveSecurityQuestions(actor, securityQuestionsSchema.parse(QUESTIONS));
    const altNoticesBefore = await noticesTo(ALT);
    await removeOwnSecurityMethod(actor, "phone");
    expect((await loadStaffSecurityInfo(prisma, actor.staffUserId)).phone).toBeNull();
    expect(await noticesTo(ALT)).toBe(altNoticesBefore + 1);
    expect(await nextStaffSetupStep(await staffUser())).toBeNull();
  });
});
