// A parent reset in the console gets back in alone: real PostgreSQL, a real SMTP server,
// the staff reset domain function, registration, the temporary password read from the
// delivered mail, the forced password change, and every way registration must refuse.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { hashSecret } from "@/lib/security/password-hash";
import { createAuthSession, loadSessionPrincipal } from "@/lib/auth/auth-session-store";
import { authenticateParent } from "@/lib/accounts/parent-sign-in";
import { registerParent, REGISTER_LIMIT } from "@/lib/accounts/register-parent";
import { changeParentPassword } from "@/lib/accounts/change-parent-password";
import { resetParentLogins } from "@/lib/parents/reset-parent-logins";
import { createSmtpTransport } from "@/lib/mail/mail-transport";
import { processOutboxBatch } from "@/lib/mail/outbox-worker";
import { startSmtpCapture, type SmtpCapture } from "../helpers/smtp-capture";
import { createParent, createSchool, createStudent } from "../helpers/parent-fixtures";
import { auditTrailText } from "../helpers/recovery-helpers";
import { renderQueuedEmail } from "../helpers/render-queued-email";
import { metrics } from "@/lib/ops/metrics";
import { metricDeltas, metricValue } from "../helpers/metric-value";

const IP = "203.0.113.10";
const SUPPORT_PHONE = "720-555-0199";
let smtp: SmtpCapture;
let schoolId: number;
let staffUserId: number;
let seq = 0;

const deliver = () => processOutboxBatch({ transport: createSmtpTransport(smtp.url, { ignoreTLS: true }) });
/** The temporary password in the English section of a delivered mail ("Temporary password: x"). */
const temporaryPasswordIn = (text: string) => /^Temporary password: (\S+)$/m.exec(text)?.[1];

async function family(options: { email?: string | null; status?: "ACTIVE" | "PENDING_PASSWORD_CHANGE" | null; locale?: "en" | "es" | "vi" | "ar" } = {}) {
  const n = ++seq;
  const kids = [await createStudent(prisma, schoolId, { firstName: "Mateo" }), await createStudent(prisma, schoolId, { firstName: "Sofía" })];
  const username = `lucia.garcia${n}`;
  const created = await createParent(
    prisma,
    {
      firstName: "Lucía",
      lastName: `García-${n}`,
      email: options.email === undefined ? `lucia${n}@example.com` : options.email,
      preferredLocale: options.locale ?? "en",
      account: options.status === null ? undefined : { username, status: options.status ?? "ACTIVE", passwordHash: await hashSecret("Old password 1") },
    },
    kids.map((kid) => kid.id),
  );
  const form = { username, studentIds: kids.map((kid) => kid.studentNumber), firstName: "Lucía", lastName: `García-${n}` };
  return { ...created, kids, username, form };
}

async function resetByStaff(linkIds: number[]) {
  return resetParentLogins({ linkIds, actor: { staffUserId, label: "agent@district.example.org", ip: "10.0.0.5" }, includeOtherRowsOfSameParents: true });
}

beforeAll(async () => {
  smtp = await startSmtpCapture();
  schoolId = (await createSchool(prisma, "Lincoln Elementary")).id;
  staffUserId = (await prisma.staffUser.create({ data: { email: "agent@district.example.org", name: "Agent", role: "HELP_DESK", passwordHash: "x" } })).id;
  await prisma.districtSettings.upsert({
    where: { id: 1 },
    create: { id: 1, districtName: "Riverside USD", supportPhone: SUPPORT_PHONE, supportEmail: "help@riverside.example.org", senderAddress: "no-reply@riverside.example.org" },
    update: { supportPhone: SUPPORT_PHONE },
  });
});
afterAll(async () => smtp.stop());
beforeEach(async () => {
  smtp.clear();
  await prisma.rateLimitBucket.deleteMany();
  await deliver(); // flush mail of earlier tests (reset notices)
  smtp.clear();
});

describe("re-registration after a staff reset, end to end", () => {
  it("reset -> register -> mail -> temporary sign-in -> forced change -> sign in with the new password", async () => {
    const parent = await family({ locale: "es" });
    const counted = await metricDeltas({
      resetRows: () => metricValue(metrics.resetRows),
      resetLogins: () => metricValue(metrics.resetLogins),
      reregistrations: () => metricValue(metrics.reregistrations),
      temporaryPasswords: () => metricValue(metrics.temporaryPasswords, { reason: "registration" }),
      mailSent: () => metricValue(metrics.outboxSends, { outbox: "mail", result: "sent" }),
    });
    const outcome = await resetByStaff([parent.links[0]!.id]);
    expect(outcome).toMatchObject({ resetLogins: 1, resetRows: 2 });
    expect(await authenticateParent(parent.username, "Old password 1", IP)).toEqual({ ok: false, reason: "invalid" });

    // Same username as before, second student ID in lower case, name with other case and spaces.
    const result = await registerParent(
      { ...parent.form, studentIds: [parent.form.studentIds[0]!, parent.form.studentIds[1]!.toLowerCase()], firstName: "  lucía ", lastName: parent.form.lastName.toUpperCase() },
      { ip: IP },
    );
    expect(result).toEqual({ status: "registered", maskedEmail: `l***@example.com` });
    const account = await prisma.parentAccount.findUniqueOrThrow({ where: { contactId: parent.contact.id } });
    expect(account.status).toBe("PENDING_PASSWORD_CHANGE");
    expect(account.passwordHash).toMatch(/^\$argon2id\$/);
    expect(account.tempPasswordExpiresAt!.getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);

    expect(await deliver()).toMatchObject({ sent: 2, failed: 0 }); // the reset notice and the temporary password
    // The metrics (GET /api/metrics) counted each step where it happened.
    expect(await counted()).toEqual({ resetRows: 2, resetLogins: 1, reregistrations: 1, temporaryPasswords: 1, mailSent: 2 });
    const mail = await smtp.waitForMessageTo(parent.contact.email!, { where: (m) => Boolean(temporaryPasswordIn(m.text)) });
    expect(mail.subject).toContain("contraseña temporal"); // the parent's language first
    expect(mail.text.indexOf("Español:")).toBeLessThan(mail.text.indexOf("English:"));
    expect(mail.text).toContain("Tiếng Việt:");
    expect(mail.text).toContain("العربية:");
    expect(mail.html).toContain('dir="rtl"');
    const temporary = temporaryPasswordIn(mail.text)!;
    expect(temporary).toMatch(/^[A-Za-z0-9]{12}$/);
    // Never at rest in clear: the outbox params are erased once sent, the audit trail never had it.
    const row = await prisma.emailOutbox.findFirstOrThrow({ where: { template: "temporary-password" }, orderBy: { id: "desc" } });
    expect(row).toMatchObject({ status: "SENT", sensitive: true, params: {} });
    expect(JSON.stringify(row)).not.toContain(temporary);
    expect(await auditTrailText()).not.toContain(temporary);

    const first = await authenticateParent(parent.username, temporary, IP);
    expect(first).toMatchObject({ ok: true, parentAccountId: account.id, mustChangePassword: true });
    // Usable once: a second sign-in with it fails like a wrong password.
    expect(await authenticateParent(parent.username, temporary, IP)).toEqual({ ok: false, reason: "invalid" });

    const sessionId = await createAuthSession({ parentAccountId: account.id }, { ip: IP });
    const otherSession = await createAuthSession({ parentAccountId: account.id }, { ip: "198.51.100.1" });
    expect((await loadSessionPrincipal(sessionId))).toMatchObject({ mustChangePassword: true });
    const change = (newPassword: string) => changeParentPassword({ parentAccountId: account.id, sessionId, newPassword, ip: IP });
    expect(await change("password1")).toEqual({ ok: false, reason: "policy", violations: ["common"] });
    expect(await change("Xq7#pL")).toEqual({ ok: false, reason: "policy", violations: ["too_short"] });
    expect(await change(parent.username.toUpperCase())).toMatchObject({ ok: false, violations: ["same_as_username"] });
    expect(await change("paper lantern by the river")).toMatchObject({ ok: true });

    const after = await prisma.parentAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(after).toMatchObject({ status: "ACTIVE", tempPasswordExpiresAt: null, tempPasswordUsedAt: null, failedAttempts: 0 });
    expect(await loadSessionPrincipal(sessionId)).toMatchObject({ mustChangePassword: false });
    expect(await loadSessionPrincipal(otherSession)).toBeNull();

    await deliver();
    const confirmation = await smtp.waitForMessageTo(parent.contact.email!, { where: (m) => m.text.includes("If you did not make this change") });
    expect(confirmation.subject).toContain("Se cambió su contraseña");
    expect(confirmation.text).toContain(`If you did not make this change, call ${SUPPORT_PHONE} immediately.`);

    expect(await authenticateParent(parent.username, "paper lantern by the river", IP)).toMatchObject({ ok: true, parentAccountId: account.id, mustChangePassword: false });
    expect(await authenticateParent(parent.username, temporary, IP)).toEqual({ ok: false, reason: "invalid" });
    const actions = (await prisma.auditEvent.findMany({ where: { contactIds: { has: parent.contact.id } }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["parent.reset", "parent.register", "parent.sign-in.temporary-password", "parent.password.change", "parent.sign-in"]));
    expect(await auditTrailText()).not.toContain("paper lantern by the river");
  });

  it("matches a name typed without accents, hyphens or apostrophes (García-n typed as Garcia n)", async () => {
    const parent = await family();
    await prisma.contact.update({ where: { id: parent.contact.id }, data: { firstName: "Lucía D'Arcy" } });
    await resetByStaff([parent.links[0]!.id]);
    const typed = { ...parent.form, firstName: "lucia darcy", lastName: parent.form.lastName.replace("García-", "Garcia ") };
    expect(await registerParent(typed, { ip: IP })).toMatchObject({ status: "registered" });
    expect(await prisma.parentAccount.findUniqueOrThrow({ where: { contactId: parent.contact.id } })).toMatchObject({ status: "PENDING_PASSWORD_CHANGE" });
  });

  it("registers a contact who never had a login, under a new username", async () => {
    const parent = await family({ status: null });
    expect(await registerParent({ ...parent.form, username: `New.Name${seq}` }, { ip: IP })).toMatchObject({ status: "registered" });
    const account = await prisma.parentAccount.findUniqueOrThrow({ where: { contactId: parent.contact.id } });
    expect(account).toMatchObject({ username: `New.Name${seq}`, usernameKey: `new.name${seq}`, status: "PENDING_PASSWORD_CHANGE" });
  });
});

describe("registration refusals", () => {
  async function nothingChanged(contactId: number, before: unknown) {
    expect(await prisma.parentAccount.findUnique({ where: { contactId } })).toEqual(before);
    expect(await prisma.emailOutbox.count({ where: { template: "temporary-password" } })).toBe(0);
  }
  beforeEach(async () => {
    await prisma.emailOutbox.deleteMany();
  });

  it("a wrong name and a wrong student ID get the same answer, and both are audited", async () => {
    const parent = await family();
    await resetByStaff([parent.links[0]!.id]);
    const before = await prisma.parentAccount.findUnique({ where: { contactId: parent.contact.id } });
    const wrongName = await registerParent({ ...parent.form, firstName: "Lucinda" }, { ip: IP });
    const wrongId = await registerParent({ ...parent.form, studentIds: ["99999999"] }, { ip: "203.0.113.11" });
    const swapped = await registerParent({ ...parent.form, firstName: parent.form.lastName, lastName: "Lucía" }, { ip: "203.0.113.12" });
    expect(wrongName).toEqual({ status: "no_match" });
    expect(wrongId).toEqual(wrongName);
    expect(swapped).toEqual(wrongName);
    await nothingChanged(parent.contact.id, before);
    const failures = await prisma.auditEvent.findMany({ where: { action: "parent.register.failed" }, orderBy: { id: "desc" }, take: 3 });
    expect(failures.map((e) => (e.details as { reason: string }).reason).sort()).toEqual(["name_mismatch", "name_mismatch", "unknown_student"]);
  });

  it("every student ID must be linked to the same contact", async () => {
    const parent = await family();
    await resetByStaff([parent.links[0]!.id]);
    const stranger = await family();
    const result = await registerParent({ ...parent.form, studentIds: [parent.form.studentIds[0]!, stranger.form.studentIds[0]!] }, { ip: IP });
    expect(result).toEqual({ status: "no_match" });
  });

  it("an active or pending login cannot be taken over", async () => {
    for (const status of ["ACTIVE", "PENDING_PASSWORD_CHANGE"] as const) {
      const parent = await family({ status });
      const before = await prisma.parentAccount.findUnique({ where: { contactId: parent.contact.id } });
      expect(await registerParent({ ...parent.form, username: `thief${seq}` }, { ip: IP })).toEqual({ status: "no_match" });
      await nothingChanged(parent.contact.id, before);
    }
  });

  it("a contact without an email is told to call the district and nothing is created", async () => {
    const parent = await family({ email: null, status: null });
    expect(await registerParent(parent.form, { ip: IP })).toEqual({ status: "no_email", supportPhone: SUPPORT_PHONE });
    await nothingChanged(parent.contact.id, null);
  });

  it("a contact whose email on record is a staff address is refused; nothing is created", async () => {
    await prisma.districtSettings.update({ where: { id: 1 }, data: { staffEmailDomains: ["riverside.example.org"] } });
    try {
      const parent = await family({ email: "lucia.garcia@mail.riverside.example.org", status: null });
      expect(await registerParent(parent.form, { ip: IP })).toEqual({ status: "staff_email", supportPhone: SUPPORT_PHONE });
      await nothingChanged(parent.contact.id, null);
      const personal = await family({ email: "lucia.personal@example.com", status: null });
      expect(await registerParent(personal.form, { ip: IP })).toMatchObject({ status: "registered" });
    } finally {
      await prisma.districtSettings.update({ where: { id: 1 }, data: { staffEmailDomains: [] } });
    }
  });

  it("a username used by another parent is refused; nothing is written", async () => {
    const owner = await family();
    const parent = await family({ status: null });
    expect(await registerParent({ ...parent.form, username: owner.username.toUpperCase() }, { ip: IP })).toEqual({ status: "username_taken" });
    await nothingChanged(parent.contact.id, null);
  });

  // Other addresses are not blocked by this one: tests/integration/self-service-lockout.test.ts.
  it("limits attempts per IP, then recovers after the window", async () => {
    const parent = await family();
    await resetByStaff([parent.links[0]!.id]);
    const wrong = { ...parent.form, firstName: "Nobody" };
    for (let i = 0; i < REGISTER_LIMIT.attempts; i++) expect(await registerParent(wrong, { ip: IP })).toEqual({ status: "no_match" });
    // Even the right details are refused now, from this IP.
    expect(await registerParent(parent.form, { ip: IP })).toEqual({ status: "rate_limited", retryAfterMinutes: 15 });
    await nothingChanged(parent.contact.id, await prisma.parentAccount.findUnique({ where: { contactId: parent.contact.id } }));

    await prisma.rateLimitBucket.updateMany({ data: { windowStart: new Date(Date.now() - (REGISTER_LIMIT.windowSeconds + 1) * 1000) } });
    expect(await registerParent(parent.form, { ip: IP })).toMatchObject({ status: "registered" });
  });

  it("an expired temporary password fails like a wrong password", async () => {
    const parent = await family();
    await resetByStaff([parent.links[0]!.id]);
    await registerParent(parent.form, { ip: IP });
    const queued = await prisma.emailOutbox.findFirstOrThrow({ where: { template: "temporary-password" }, orderBy: { id: "desc" } });
    const temporary = temporaryPasswordIn((await renderQueuedEmail(queued)).text)!;
    await prisma.parentAccount.update({ where: { contactId: parent.contact.id }, data: { tempPasswordExpiresAt: new Date(Date.now() - 1000) } });
    expect(await authenticateParent(parent.username, temporary, IP)).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticateParent(parent.username, "not the password", IP)).toEqual({ ok: false, reason: "invalid" });
  });
});
