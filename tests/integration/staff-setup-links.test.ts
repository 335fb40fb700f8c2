// Staff setup links on a real database: the `staff:create-admin` command as a real process,
// the one-time link (passphrase policy, single use, 24 hours, lock cleared, sessions ended),
// and the admin-sent staff reset delivered through the outbox to a real SMTP server, with the
// link never in the admin's answer or the audit trail.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { ActionFailure } from "@/lib/actions/action-result";
import { createAuthSession } from "@/lib/auth/auth-session-store";
import { authenticateStaff } from "@/lib/auth/staff-sign-in";
import { createSmtpTransport } from "@/lib/mail/mail-transport";
import { processOutboxBatch } from "@/lib/mail/outbox-worker";
import { hashSecret } from "@/lib/security/password-hash";
import { completeStaffPassphraseSetup } from "@/lib/staff-auth/complete-staff-passphrase-setup";
import { sendStaffSetupLink } from "@/lib/staff-auth/send-staff-setup-link";
import { issueSignInTicket } from "@/lib/staff-auth/mfa/sign-in-ticket";
import type { StaffActor } from "@/lib/staff/staff-actor";
import { startSmtpCapture, type SmtpCapture } from "../helpers/smtp-capture";

const run = promisify(execFile);
const PUBLIC_URL = "https://console.district.example.org";
const LINK_PATTERN = /\/console\/set-passphrase\?token=([\w.%-]+)/;
const HOUR = 60 * 60 * 1000;
let ipSeq = 0;
const nextIp = () => `198.51.100.${++ipSeq}`;

async function createAdminCommand(...args: string[]) {
  return run("npx", ["tsx", "scripts/staff-create-admin.ts", ...args], {
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, PORTAL_URL: PUBLIC_URL, NEXTAUTH_URL: PUBLIC_URL },
  });
}

function tokenOf(text: string): string {
  const match = LINK_PATTERN.exec(text);
  if (!match) throw new Error(`no setup link in:\n${text}`);
  return decodeURIComponent(match[1]!);
}

async function failureOf(promise: Promise<unknown>): Promise<ActionFailure> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ActionFailure);
  return error as ActionFailure;
}

const setup = (token: string, passphrase: string, now?: Date) =>
  completeStaffPassphraseSetup({ token, passphrase, confirmation: passphrase }, { ip: "192.0.2.7" }, now);

beforeEach(async () => {
  await prisma.rateLimitBucket.deleteMany();
});

describe("npm run staff:create-admin", () => {
  it("creates a site admin without a passphrase and prints a one-time link that sets one; sign-in works after, the link only once", async () => {
    const { stdout } = await createAdminCommand("--email", "Ida.Lead@District.Example.org", "--name", "Ida Lead");
    expect(stdout).toContain(`${PUBLIC_URL}/console/set-passphrase?token=`);
    const token = tokenOf(stdout);
    const admin = await prisma.staffUser.findUniqueOrThrow({ where: { email: "ida.lead@district.example.org" } });
    expect(admin).toMatchObject({ role: "SITE_ADMIN", name: "Ida Lead", passwordHash: null, disabled: false });
    // Before the link is used no passphrase at all works.
    expect(await authenticateStaff(admin.email, "", nextIp())).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticateStaff(admin.email, "riverside-demo-admin-passphrase", nextIp())).toEqual({ ok: false, reason: "invalid" });
    // Only a hash of the link's secret is stored; the audit event does not hold it either.
    const [selector, verifier] = token.split(".");
    const link = await prisma.staffSetupLink.findUniqueOrThrow({ where: { selector } });
    expect(link).toMatchObject({ reason: "FIRST_ADMIN", usedAt: null });
    expect(link.verifierHash).not.toContain(verifier);
    expect(link.expiresAt.getTime() - link.createdAt.getTime()).toBe(24 * HOUR);
    const created = await prisma.auditEvent.findFirstOrThrow({ where: { action: "staff.create", details: { path: ["email"], equals: admin.email } } });
    expect(created).toMatchObject({ actorType: "SYSTEM" });
    expect(JSON.stringify(created.details)).not.toContain(verifier);

    // District minimum, blocklist and the two entries matching are checked before anything changes.
    const short = await failureOf(setup(token, "short phrase"));
    expect(short.fieldErrors?.passphrase?.[0]).toMatch(/at least 15/);
    const common = await failureOf(setup(token, "passwordpassword"));
    expect(common.fieldErrors?.passphrase).toEqual(["This passphrase is too common. Choose another."]);
    const mismatch = await failureOf(
      completeStaffPassphraseSetup({ token, passphrase: "lantern orchard river stone", confirmation: "lantern orchard river ston" }, { ip: null }),
    );
    expect(mismatch.fieldErrors?.confirmation).toBeDefined();

    await prisma.staffUser.update({ where: { id: admin.id }, data: { failedAttempts: 7, lockedUntil: new Date(Date.now() + HOUR) } });
    await createAuthSession({ staffUserId: admin.id }, {});
    await expect(setup(token, "lantern orchard river stone")).resolves.toEqual({ email: admin.email });
    expect(await prisma.staffUser.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    expect(await prisma.authSession.count({ where: { staffUserId: admin.id } })).toBe(0);
    expect(await authenticateStaff(admin.email, "lantern orchard river stone", nextIp())).toMatchObject({ ok: true, staffUserId: admin.id });
    const used = await prisma.auditEvent.findFirstOrThrow({ where: { action: "staff.passphrase.setup", actorId: admin.id } });
    expect(used.details).toMatchObject({ reason: "FIRST_ADMIN", sessionsEnded: 1 });

    // Single use: the same link cannot set another passphrase.
    const again = await failureOf(setup(token, "another long passphrase here"));
    expect(again.message).toMatch(/cannot be used/);
    expect(await authenticateStaff(admin.email, "lantern orchard river stone", nextIp())).toMatchObject({ ok: true });

    // The command refuses to touch an account that has a passphrase.
    const refused = await createAdminCommand("--email", admin.email).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain("already exists");
  });

  it("expires the link after 24 hours; running the command again replaces an unused link", async () => {
    const first = tokenOf((await createAdminCommand("--email", "late.admin@district.example.org")).stdout);
    const link = await prisma.staffSetupLink.findUniqueOrThrow({ where: { selector: first.split(".")[0] } });
    const afterExpiry = new Date(link.createdAt.getTime() + 24 * HOUR + 1000);
    const expired = await failureOf(setup(first, "a passphrase chosen too late", afterExpiry));
    expect(expired.message).toMatch(/cannot be used/);

    const second = tokenOf((await createAdminCommand("--email", "late.admin@district.example.org")).stdout);
    expect(second).not.toBe(first);
    await expect(setup(first, "the first link is gone now")).rejects.toBeInstanceOf(ActionFailure);
    const almostDay = new Date(Date.now() + 23 * HOUR);
    await expect(setup(second, "a passphrase chosen just in time", almostDay)).resolves.toEqual({ email: "late.admin@district.example.org" });
  });

  it("lets exactly one of two simultaneous uses of a link win", async () => {
    const token = tokenOf((await createAdminCommand("--email", "race.admin@district.example.org")).stdout);
    const results = await Promise.allSettled([setup(token, "first racing passphrase"), setup(token, "second racing passphrase")]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await prisma.auditEvent.count({ where: { action: "staff.passphrase.setup", actorLabel: "race.admin@district.example.org" } })).toBe(1);
  });

  it("explains a missing --email", async () => {
    const error = await createAdminCommand().then(
      () => null,
      (caught: { code: number; stderr: string }) => caught,
    );
    expect(error?.code).toBe(2);
    expect(error?.stderr).toContain("--email is required");
  });
});

describe("staff reset by a site admin", () => {
  let smtp: SmtpCapture;
  let admin: StaffActor;
  beforeEach(async () => {
    smtp = await startSmtpCapture();
    const row = await prisma.staffUser.create({
      data: { email: `admin${Date.now()}@riverside.example.org`, name: "Site Admin", role: "SITE_ADMIN", passwordHash: "x" },
    });
    admin = { staffUserId: row.id, email: row.email, role: "SITE_ADMIN", ip: "192.0.2.1" };
  });
  afterEach(async () => {
    await smtp.stop();
  });

  it("mails the person a link through the outbox; the old passphrase and sessions end; the admin never gets the link", async () => {
    const desk = await prisma.staffUser.create({
      data: { email: "rita.desk@riverside.example.org", name: "Rita Desk", role: "HELP_DESK", passwordHash: await hashSecret("rita's old passphrase 2024") },
    });
    await createAuthSession({ staffUserId: desk.id }, {});
    const answer = await sendStaffSetupLink(admin, { staffUserId: desk.id });
    expect(answer).toEqual({ email: desk.email, sessionsEnded: 1 });
    expect(await authenticateStaff(desk.email, "rita's old passphrase 2024", nextIp())).toEqual({ ok: false, reason: "invalid" });
    expect(await prisma.authSession.count({ where: { staffUserId: desk.id } })).toBe(0);

    await processOutboxBatch({ transport: createSmtpTransport(smtp.url, { ignoreTLS: true }) });
    const mail = await smtp.waitForMessageTo(desk.email);
    expect(mail.subject).toBe("Choose a new staff console passphrase");
    expect(mail.text).not.toMatch(/Español|Tiếng Việt|العربية/);
    const token = tokenOf(mail.text);
    const verifier = token.split(".")[1]!;
    expect(JSON.stringify(answer)).not.toContain(verifier);
    const events = await prisma.auditEvent.findMany({ where: { action: "staff.setup-link.send", actorId: admin.staffUserId } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: admin.staffUserId, details: { staffUserId: desk.id, reason: "RESET", sessionsEnded: 1 } });
    const trail = await prisma.auditEvent.findMany({ select: { actorLabel: true, details: true } });
    expect(JSON.stringify(trail)).not.toContain(verifier);
    // The sent mail's params (the link's secret) are not kept in the outbox.
    const row = await prisma.emailOutbox.findFirstOrThrow({ where: { toAddress: desk.email } });
    expect(row).toMatchObject({ status: "SENT", sensitive: true });
    expect(JSON.stringify(row.params)).not.toContain(verifier);

    // Half-done steps from before (an authenticator set-up not yet confirmed, a second-step ticket) end with the new passphrase.
    await prisma.staffTotp.create({ data: { staffUserId: desk.id, secretEnc: "sealed", pendingSessionId: "an-old-session" } });
    await prisma.$transaction((tx) => issueSignInTicket(tx, desk.id));
    await expect(setup(token, "rita picks a fresh passphrase")).resolves.toEqual({ email: desk.email });
    expect(await prisma.staffTotp.count({ where: { staffUserId: desk.id } })).toBe(0);
    expect(await prisma.staffSignInTicket.count({ where: { staffUserId: desk.id } })).toBe(0);
    expect(await authenticateStaff(desk.email, "rita picks a fresh passphrase", nextIp())).toMatchObject({ ok: true, staffUserId: desk.id });
  });

  it("refuses the admin's own account and disabled accounts, changing nothing", async () => {
    const self = await failureOf(sendStaffSetupLink(admin, { staffUserId: admin.staffUserId }));
    expect(self.code).toBe("conflict");
    const disabled = await prisma.staffUser.create({ data: { email: "gone@riverside.example.org", name: "Gone", role: "HELP_DESK", passwordHash: "kept", disabled: true } });
    expect((await failureOf(sendStaffSetupLink(admin, { staffUserId: disabled.id }))).code).toBe("conflict");
    expect((await prisma.staffUser.findUniqueOrThrow({ where: { id: disabled.id } })).passwordHash).toBe("kept");
    expect(await prisma.emailOutbox.count({ where: { toAddress: "gone@riverside.example.org" } })).toBe(0);
  });
});
