// Forgot Password against real PostgreSQL and a real SMTP server: the whole flow with the
// code read from the delivered mail, and every way a code must be refused.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { hashSecret } from "@/lib/security/password-hash";
import { createAuthSession } from "@/lib/auth/auth-session-store";
import { authenticateParent } from "@/lib/accounts/parent-sign-in";
import { requestPasswordResetCode } from "@/lib/accounts/recovery/request-reset-code";
import { verifyPasswordResetCode, type ResetGrant } from "@/lib/accounts/recovery/verify-reset-code";
import { completePasswordReset } from "@/lib/accounts/recovery/complete-password-reset";
import { codeStageToken, readRecoveryState, verifiedStageToken } from "@/lib/accounts/recovery/recovery-state";
import { createSmtpTransport } from "@/lib/mail/mail-transport";
import { processOutboxBatch } from "@/lib/mail/outbox-worker";
import { startSmtpCapture, type SmtpCapture } from "../helpers/smtp-capture";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";
import { runWithRequestContext } from "@/lib/ops/request-context";
import { auditTrailText, captureConsole, queuedSecurityCode, securityCodeIn } from "../helpers/recovery-helpers";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-forgot-password";
const IP = "198.51.100.7";
const fast = { minimumMs: 0 }; // timing is the subject of forgot-enumeration.test.ts
let smtp: SmtpCapture;
let schoolId: number;
let seq = 0;

async function parent(options: { status?: "ACTIVE" | "RESET" | "PENDING_PASSWORD_CHANGE"; email?: string | null; locale?: "en" | "es" | "vi" | "ar" } = {}) {
  const n = ++seq;
  const username = `Parent.${n}`;
  const { account, contact } = await createParentWithChild(prisma, schoolId, {
    firstName: "Lucía",
    lastName: `García${n}`,
    email: options.email === undefined ? `lucia.${n}@example.com` : options.email,
    preferredLocale: options.locale ?? "en",
    account: { username, status: options.status ?? "ACTIVE", passwordHash: await hashSecret("Old password 1") },
  });
  return { account: account!, contact, username, email: contact.email ?? "" };
}

const request = (username: string, ip = IP) => requestPasswordResetCode({ username, ip }, fast);
const verify = (username: string, code: string, ip = IP) => verifyPasswordResetCode({ usernameKey: username.toLowerCase(), code, ip }, fast);
const grantOf = (outcome: Awaited<ReturnType<typeof verify>>): ResetGrant => {
  if (outcome.status !== "verified") throw new Error(`expected verified, got ${outcome.status}`);
  return outcome.grant;
};
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

beforeAll(async () => {
  smtp = await startSmtpCapture();
  schoolId = (await createSchool(prisma)).id;
});
afterAll(async () => smtp.stop());
beforeEach(async () => {
  smtp.clear();
  await prisma.rateLimitBucket.deleteMany();
});

describe("Forgot Password end to end", () => {
  it("mails a code, verifies it, sets the password in one go and never logs or audits a secret (console or JSON log)", async () => {
    const console = captureConsole();
    try {
      const { account, username, email } = await parent({ locale: "es" });
      await createAuthSession({ parentAccountId: account.id }, { ip: IP });
      await prisma.parentAccount.update({ where: { id: account.id }, data: { failedAttempts: 7, lockedUntil: new Date(Date.now() + 600_000) } });

      // As the portal's server runs a request: its audit events carry the request's id.
      const requestId = "forgot-password-test-request-1";
      expect(await runWithRequestContext({ requestId }, () => request(username.toUpperCase()))).toEqual({ status: "accepted" });
      const sentEvent = await prisma.auditEvent.findFirstOrThrow({ where: { action: "parent.password-reset.code-sent", contactIds: { has: account.contactId } } });
      expect(sentEvent.requestId).toBe(requestId);
      const codeRow = await prisma.passwordResetCode.findFirstOrThrow({ where: { parentAccountId: account.id } });
      expect(codeRow.codeHash.startsWith("$argon2id$")).toBe(true);
      expect(Math.abs(codeRow.expiresAt.getTime() - codeRow.createdAt.getTime() - 15 * 60_000)).toBeLessThan(5_000);

      expect(await processOutboxBatch({ transport: createSmtpTransport(smtp.url, { ignoreTLS: true }) })).toMatchObject({ sent: 1 });
      const mail = await smtp.waitForMessageTo(email);
      expect(mail.subject).toBe("Restablezca su contraseña del Portal para Padres");
      expect(mail.text.indexOf("Español:")).toBeLessThan(mail.text.indexOf("English:"));
      const code = securityCodeIn(mail.text);
      expect(mail.text).toContain(`Su código de seguridad: ${code}`);
      expect(mail.text).toContain(`Your security code: ${code}`);
      // Sensitive: the stored params (the code) are erased once sent.
      const sentRow = await prisma.emailOutbox.findFirstOrThrow({ where: { toAddress: email, template: "security-code" } });
      expect(sentRow).toMatchObject({ status: "SENT", sensitive: true, params: {} });
      expect(JSON.stringify(sentRow)).not.toContain(code);

      const codeToken = codeStageToken(username.toLowerCase());
      const state = readRecoveryState(codeToken);
      expect(state?.s).toBe("code");
      const verified = await verify(state!.u, code);
      const grant = grantOf(verified);
      expect(grant).toEqual({ accountId: account.id, codeId: codeRow.id, username });
      const grantToken = verifiedStageToken(grant);

      expect(await completePasswordReset({ grant, newPassword: "Lluvia en Denver 2024", ip: IP })).toEqual({ status: "done" });
      const after = await prisma.parentAccount.findUniqueOrThrow({ where: { id: account.id } });
      expect(after).toMatchObject({ status: "ACTIVE", failedAttempts: 0, lockedUntil: null });
      expect(await prisma.authSession.count({ where: { parentAccountId: account.id } })).toBe(0);
      expect((await prisma.passwordResetCode.findUniqueOrThrow({ where: { id: codeRow.id } })).usedAt).not.toBeNull();
      expect(await authenticateParent(username, "Lluvia en Denver 2024", IP)).toMatchObject({ ok: true });
      expect(await authenticateParent(username, "Old password 1", IP)).toMatchObject({ ok: false });

      const actions = (await prisma.auditEvent.findMany({ where: { contactIds: { has: account.contactId } }, orderBy: { id: "asc" } })).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(["parent.password-reset.code-sent", "parent.password-reset.code-verified", "parent.password-reset"]));

      await processOutboxBatch({ transport: createSmtpTransport(smtp.url, { ignoreTLS: true }) });
      const confirmation = await smtp.waitForMessageTo(email, { where: (m) => m !== mail });
      expect(confirmation.text).toContain("555-0100");
      expect(confirmation.text).not.toContain(code);

      // The JSON log saw the flow (so the check below is not vacuous): the outbox's batches and each mail sent.
      const logLines = console.logLines();
      expect(logLines.filter((line) => line.msg === "mail sent" && line.template === "security-code")).toHaveLength(1);
      expect(logLines.some((line) => line.msg === "outbox batch" && line.job === "outbox" && line.sent === 1)).toBe(true);
      // Nothing secret in logs or in the audit trail.
      const audit = await auditTrailText();
      for (const secret of [code, "Lluvia en Denver 2024", codeToken, grantToken, codeRow.codeHash]) {
        expect(audit).not.toContain(secret);
        expect(console.text()).not.toContain(secret);
      }
      // Nor the parent's address, nor any text of the mail's body.
      expect(JSON.stringify(logLines)).not.toContain(email);
      expect(JSON.stringify(logLines)).not.toContain("Su código de seguridad");
    } finally {
      console.restore();
    }
  });
});

describe("codes that must be refused", () => {
  it("a reused code: once the password is set, neither the code nor the grant works again", async () => {
    const { username, email } = await parent();
    await request(username);
    const code = await queuedSecurityCode(email);
    const grant = grantOf(await verify(username, code));
    expect(await completePasswordReset({ grant, newPassword: "first new passphrase", ip: IP })).toEqual({ status: "done" });
    expect(await completePasswordReset({ grant, newPassword: "second new passphrase", ip: IP })).toEqual({ status: "expired" });
    expect(await verify(username, code)).toEqual({ status: "invalid" });
    expect(await authenticateParent(username, "first new passphrase", IP)).toMatchObject({ ok: true });
  });

  it("an expired code", async () => {
    const { account, username, email } = await parent();
    await request(username);
    const code = await queuedSecurityCode(email);
    await prisma.passwordResetCode.updateMany({ where: { parentAccountId: account.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await verify(username, code)).toEqual({ status: "invalid" });
  });

  it("a code entered wrongly 5 times is dead, even for the right digits; 4 wrong tries still leave one", async () => {
    const { username, email } = await parent();
    await request(username);
    let code = await queuedSecurityCode(email);
    for (let i = 0; i < 4; i++) expect(await verify(username, wrongCode(code))).toEqual({ status: "invalid" });
    expect((await verify(username, code)).status).toBe("verified");

    await request(username);
    code = await queuedSecurityCode(email);
    for (let i = 0; i < 5; i++) expect(await verify(username, wrongCode(code))).toEqual({ status: "invalid" });
    expect(await verify(username, code)).toEqual({ status: "invalid" });
  });

  it("parallel guesses cannot exceed 5 tries", async () => {
    const { account, username, email } = await parent();
    await request(username);
    const code = await queuedSecurityCode(email);
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => verify(username, wrongCode(code))));
    expect(outcomes.every((o) => o.status === "invalid")).toBe(true);
    const row = await prisma.passwordResetCode.findFirstOrThrow({ where: { parentAccountId: account.id } });
    expect(row.attempts).toBe(5);
    expect(await verify(username, code)).toEqual({ status: "invalid" });
  });

  it("a code superseded by a newer one; the newer one works", async () => {
    const { account, username, email } = await parent();
    await request(username);
    const first = await queuedSecurityCode(email);
    await request(username);
    const second = await queuedSecurityCode(email);
    const rows = await prisma.passwordResetCode.findMany({ where: { parentAccountId: account.id }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.supersededAt !== null)).toEqual([true, false]);
    if (first !== second) expect(await verify(username, first)).toEqual({ status: "invalid" });
    expect((await verify(username, second)).status).toBe("verified");
  });

  it("a grant whose code was superseded before the password was set", async () => {
    const { username, email } = await parent();
    await request(username);
    const grant = grantOf(await verify(username, await queuedSecurityCode(email)));
    await request(username);
    expect(await completePasswordReset({ grant, newPassword: "another fine passphrase", ip: IP })).toEqual({ status: "expired" });
  });
});

describe("accounts that get no code, or no new password", () => {
  it("unknown usernames and accounts without an email get the same answer and no mail, code or row", async () => {
    const { account: noEmail, username: noEmailName } = await parent({ email: null });
    const before = await prisma.emailOutbox.count();
    expect(await request("nobody-has-this-name")).toEqual({ status: "accepted" });
    expect(await request(noEmailName)).toEqual({ status: "accepted" });
    expect(await prisma.emailOutbox.count()).toBe(before);
    expect(await prisma.passwordResetCode.count({ where: { parentAccountId: noEmail.id } })).toBe(0);
    expect(await verify("nobody-has-this-name", "123456")).toEqual({ status: "invalid" });
    expect(await verify(noEmailName, "123456")).toEqual({ status: "invalid" });
  });

  it("a RESET account: a wrong code looks like any other; a valid one says the login was reset", async () => {
    const { account, username, email } = await parent({ status: "RESET" });
    expect(await request(username)).toEqual({ status: "accepted" });
    const code = await queuedSecurityCode(email);
    expect(await verify(username, wrongCode(code))).toEqual({ status: "invalid" });
    expect(await verify(username, code)).toEqual({ status: "account-reset" });
    expect((await prisma.passwordResetCode.findFirstOrThrow({ where: { parentAccountId: account.id } })).usedAt).not.toBeNull();
    expect((await prisma.parentAccount.findUniqueOrThrow({ where: { id: account.id } })).status).toBe("RESET");
  });

  it("a login reset by staff between the code and the new password is not reactivated", async () => {
    const { account, username, email } = await parent();
    await request(username);
    const grant = grantOf(await verify(username, await queuedSecurityCode(email)));
    await prisma.parentAccount.update({ where: { id: account.id }, data: { status: "RESET", passwordHash: null } });
    expect(await completePasswordReset({ grant, newPassword: "a perfectly good one", ip: IP })).toEqual({ status: "account-reset" });
    expect((await prisma.parentAccount.findUniqueOrThrow({ where: { id: account.id } })).status).toBe("RESET");
  });

  it("a password the policy refuses keeps the code usable for a better one", async () => {
    const { username, email } = await parent();
    await request(username);
    const grant = grantOf(await verify(username, await queuedSecurityCode(email)));
    expect(await completePasswordReset({ grant, newPassword: "xq7#Lw", ip: IP })).toMatchObject({ status: "weak-password", violations: ["too_short"], minLength: 8 });
    expect(await completePasswordReset({ grant, newPassword: "password123", ip: IP })).toMatchObject({ violations: ["common"] });
    expect(await completePasswordReset({ grant, newPassword: username, ip: IP })).toMatchObject({ violations: expect.arrayContaining(["same_as_username"]) });
    expect(await completePasswordReset({ grant, newPassword: "a much better passphrase", ip: IP })).toEqual({ status: "done" });
  });
});

describe("rate limits (PostgreSQL)", () => {
  const moveWindowsBack = (prefix: string) =>
    prisma.rateLimitBucket.updateMany({ where: { key: { startsWith: prefix } }, data: { windowStart: new Date(Date.now() - 2 * 3600_000) } });

  it("5 code requests per username per 15 minutes, the same for unknown usernames, then recovered", async () => {
    const { username } = await parent();
    for (const name of [username, "unknown-person"]) {
      for (let i = 0; i < 5; i++) expect(await request(name, `203.0.113.${i}`)).toEqual({ status: "accepted" });
      const limited = await request(name, "203.0.113.99");
      expect(limited.status).toBe("rate_limited");
      expect(limited.status === "rate_limited" && limited.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    }
    await moveWindowsBack("reset-code:user:");
    expect(await request(username, "203.0.113.50")).toEqual({ status: "accepted" });
    expect(await request("unknown-person", "203.0.113.50")).toEqual({ status: "accepted" });
  });

  it("20 code requests per IP per hour, then recovered", async () => {
    for (let i = 0; i < 20; i++) expect(await request(`someone-${i}`, "192.0.2.1")).toEqual({ status: "accepted" });
    expect((await request("someone-else", "192.0.2.1")).status).toBe("rate_limited");
    await moveWindowsBack("reset-code:ip:");
    expect(await request("someone-else", "192.0.2.1")).toEqual({ status: "accepted" });
  });

  it("per address: past the limit the answer is unchanged but no mail is sent", async () => {
    const { account, username, email } = await parent();
    await prisma.rateLimitBucket.create({ data: { key: `reset-code:email:${email}`, windowStart: new Date(), count: 10 } });
    expect(await request(username)).toEqual({ status: "accepted" });
    expect(await prisma.emailOutbox.count({ where: { toAddress: email } })).toBe(0);
    expect(await prisma.passwordResetCode.count({ where: { parentAccountId: account.id } })).toBe(0);
    await moveWindowsBack("reset-code:email:");
    expect(await request(username)).toEqual({ status: "accepted" });
    expect(await prisma.emailOutbox.count({ where: { toAddress: email } })).toBe(1);
  });

  it("30 code checks per IP per 15 minutes, then recovered", async () => {
    const { username, email } = await parent();
    for (let i = 0; i < 30; i++) expect(await verify("nobody", "000000", "192.0.2.9")).toEqual({ status: "invalid" });
    await request(username);
    const code = await queuedSecurityCode(email);
    expect((await verify(username, code, "192.0.2.9")).status).toBe("rate_limited");
    await moveWindowsBack("reset-verify:ip:");
    expect((await verify(username, code, "192.0.2.9")).status).toBe("verified");
  });
});
