// The retention job against a real database: for each kind of row, one just inside its
// window is kept and one just outside is removed (or erased); one run at a time; each run
// audited; the worker loop runs it on its own.
import pg from "pg";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { startOutboxWorker } from "@/lib/mail/outbox-worker";
import { runRetention } from "@/lib/ops/retention";
import { retentionJob } from "@/lib/ops/retention-job";
import { hitRateLimit } from "@/lib/security/rate-limit";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
let now: Date;
const ago = (ms: number) => new Date(now.getTime() - ms);
let accountId: number;

beforeAll(async () => {
  // A district's database may run in its local zone: the windows must not depend on it.
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`ALTER DATABASE "${new URL(process.env.DATABASE_URL!).pathname.slice(1)}" SET timezone TO 'America/Denver'`);
  await admin.end();
});

beforeEach(async () => {
  await prisma.$executeRawUnsafe(`TRUNCATE "StudentContact", "ParentAccount", "Contact", "Student", "School", "AuthSession", "AuditEvent",
    "PasswordResetCode", "RateLimitBucket", "DevMailMessage", "DistrictSettings", "StaffSetupLink", "StaffUser" RESTART IDENTITY CASCADE`);
  now = new Date();
  const schoolId = (await createSchool(prisma)).id;
  const parent = await createParentWithChild(prisma, schoolId, { firstName: "Ana", lastName: "Lopez", account: { username: "ana" } });
  accountId = parent.account!.id;
});
afterEach(async () => {
  await prisma.districtSettings.deleteMany();
});

async function done(options: Parameters<typeof runRetention>[0] = {}) {
  const run = await runRetention({ now, ...options });
  if (run.status !== "done") throw new Error(`retention skipped: ${run.reason}`);
  return run.counts;
}

describe("retention purges", () => {
  it("deletes sessions 7 days after they expired, not before", async () => {
    const session = (id: string, expiresAt: Date) => prisma.authSession.create({ data: { id, parentAccountId: accountId, expiresAt } });
    await session("live", new Date(now.getTime() + DAY));
    await session("inside", ago(7 * DAY - MINUTE));
    await session("outside", ago(7 * DAY + MINUTE));
    expect(await done()).toMatchObject({ sessionsDeleted: 1 });
    expect((await prisma.authSession.findMany({ orderBy: { id: "asc" } })).map((s) => s.id)).toEqual(["inside", "live"]);
  });

  it("deletes used, superseded and expired security codes 7 days after they expired", async () => {
    const code = (expiresAt: Date, extra: { usedAt?: Date; supersededAt?: Date } = {}) =>
      prisma.passwordResetCode.create({ data: { parentAccountId: accountId, codeHash: "h", expiresAt, ...extra } });
    const inside = await code(ago(7 * DAY - MINUTE), { usedAt: ago(7 * DAY) });
    await code(ago(7 * DAY + MINUTE), { usedAt: ago(8 * DAY) });
    await code(ago(30 * DAY), { supersededAt: ago(30 * DAY) });
    const live = await code(new Date(now.getTime() + 15 * MINUTE));
    expect(await done()).toMatchObject({ resetCodesDeleted: 2 });
    expect((await prisma.passwordResetCode.findMany({ orderBy: { id: "asc" } })).map((c) => c.id)).toEqual([inside.id, live.id]);
  });

  it("deletes staff setup links 7 days after they expired, used or not", async () => {
    const staff = await prisma.staffUser.create({ data: { email: "new.agent@district.example.org", name: "New Agent", role: "HELP_DESK" } });
    const link = (selector: string, expiresAt: Date, usedAt?: Date) =>
      prisma.staffSetupLink.create({ data: { staffUserId: staff.id, selector, verifierHash: "h", reason: "NEW_ACCOUNT", expiresAt, usedAt } });
    await link("live", new Date(now.getTime() + DAY));
    await link("inside", ago(7 * DAY - MINUTE), ago(8 * DAY));
    await link("outside", ago(7 * DAY + MINUTE));
    expect(await done()).toMatchObject({ staffSetupLinksDeleted: 1 });
    expect((await prisma.staffSetupLink.findMany({ orderBy: { selector: "asc" } })).map((l) => l.selector)).toEqual(["inside", "live"]);
  });

  it("deletes staff recovery flows 7 days after they expired, and spent CAPTCHA solutions once their challenge expired", async () => {
    await prisma.staffRecoveryFlow.createMany({
      data: [
        { id: "live", expiresAt: new Date(now.getTime() + MINUTE) },
        { id: "inside", expiresAt: ago(7 * DAY - MINUTE) },
        { id: "outside", expiresAt: ago(7 * DAY + MINUTE) },
      ],
    });
    await prisma.altchaSolution.createMany({ data: [{ challengeId: "spent-live", expiresAt: new Date(now.getTime() + MINUTE) }, { challengeId: "spent-old", expiresAt: ago(MINUTE) }] });
    expect(await done()).toMatchObject({ staffRecoveryRowsDeleted: 2 });
    expect((await prisma.staffRecoveryFlow.findMany({ orderBy: { id: "asc" } })).map((f) => f.id)).toEqual(["inside", "live"]);
    expect((await prisma.altchaSolution.findMany()).map((a) => a.challengeId)).toEqual(["spent-live"]);
  });

  it("follows the district's setting for sessions and codes", async () => {
    await prisma.districtSettings.create({
      data: { id: 1, districtName: "D", supportPhone: "1", supportEmail: "s@d.org", senderAddress: "n@d.org", expiredRecordRetentionDays: 1 },
    });
    await prisma.authSession.create({ data: { id: "two-days", parentAccountId: accountId, expiresAt: ago(DAY + MINUTE) } });
    await prisma.passwordResetCode.create({ data: { parentAccountId: accountId, codeHash: "h", expiresAt: ago(DAY - MINUTE) } });
    expect(await done()).toMatchObject({ sessionsDeleted: 1, resetCodesDeleted: 0 });
  });

  it("deletes a rate-limit row once its window has ended, whatever the window's length", async () => {
    await hitRateLimit({ key: "short", limit: 5, windowSeconds: 60 });
    await hitRateLimit({ key: "long", limit: 5, windowSeconds: 24 * 3600 });
    const rows = await prisma.rateLimitBucket.findMany({ orderBy: { key: "asc" } });
    for (const row of rows) {
      const window = row.key === "short" ? 60_000 : DAY;
      expect(row.expiresAt.getTime() - row.windowStart.getTime()).toBe(window);
    }
    const short = rows.find((row) => row.key === "short")!;
    now = new Date(short.expiresAt.getTime() - 1_000);
    expect(await done()).toMatchObject({ rateLimitRowsDeleted: 0 });
    now = new Date(short.expiresAt.getTime() + 1_000);
    expect(await done()).toMatchObject({ rateLimitRowsDeleted: 1 });
    expect((await prisma.rateLimitBucket.findMany()).map((row) => row.key)).toEqual(["long"]);
  });

  it("deletes captured dev mail 24 hours after it arrived", async () => {
    const mail = (subject: string, receivedAt: Date) =>
      prisma.devMailMessage.create({ data: { subject, receivedAt, fromAddress: "a@b.org", toAddress: "c@d.org", textBody: "code 123456" } });
    await mail("inside", ago(DAY - MINUTE));
    await mail("outside", ago(DAY + MINUTE));
    expect(await done()).toMatchObject({ devMailDeleted: 1 });
    expect((await prisma.devMailMessage.findMany()).map((m) => m.subject)).toEqual(["inside"]);
  });

  it("deletes text messages the demo SMS receiver captured 24 hours after they arrived", async () => {
    const sms = (body: string, receivedAt: Date) => prisma.devSmsMessage.create({ data: { body, receivedAt, fromNumber: "+15005550006", toNumber: "+15035550123" } });
    await sms("inside", ago(DAY - MINUTE));
    await sms("outside", ago(DAY + MINUTE));
    expect(await done()).toMatchObject({ devMailDeleted: 1 });
    expect((await prisma.devSmsMessage.findMany()).map((m) => m.body)).toEqual(["inside"]);
  });

  it("erases what was typed into failed attempts after 90 days, keeping the rest of the record", async () => {
    const failedRegistration = async (at: Date) => {
      await recordAuditEvent(prisma, {
        actor: { type: "ANONYMOUS", label: "typed.username", ip: "203.0.113.7" },
        action: "parent.register.failed",
        contactIds: [42],
        details: { username: "typed.username", studentIds: ["100200"], firstName: "Typed", lastName: "Name", reason: "no_match" },
      });
      const event = await prisma.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
      return prisma.auditEvent.update({ where: { id: event.id }, data: { at } });
    };
    const outside = await failedRegistration(ago(90 * DAY + MINUTE));
    const inside = await failedRegistration(ago(90 * DAY - MINUTE));
    await recordAuditEvent(prisma, { actor: { type: "STAFF", id: 1, label: "agent@district.org" }, action: "parent.reset", details: { linkIds: [1], resetRows: 1 } });
    const staffEvent = await prisma.auditEvent.findFirstOrThrow({ where: { action: "parent.reset" } });
    await prisma.auditEvent.update({ where: { id: staffEvent.id }, data: { at: ago(100 * DAY) } });

    expect(await done()).toMatchObject({ failedAttemptEventsErased: 1 });
    const erased = await prisma.auditEvent.findUniqueOrThrow({ where: { id: outside.id } });
    expect(erased).toMatchObject({ actorLabel: null, ip: "203.0.113.7", contactIds: [42], action: "parent.register.failed" });
    expect(erased.details).toEqual({ reason: "no_match", typedDataErased: true });
    expect(await prisma.auditEvent.findUniqueOrThrow({ where: { id: inside.id } })).toMatchObject({ actorLabel: "typed.username", details: inside.details });
    expect(await prisma.auditEvent.findUniqueOrThrow({ where: { id: staffEvent.id } })).toMatchObject({ actorLabel: "agent@district.org", details: staffEvent.details });
  });

  it("deletes audit events after 2 years", async () => {
    for (const [label, at] of [["inside", ago(730 * DAY - MINUTE)], ["outside", ago(730 * DAY + MINUTE)]] as const) {
      await recordAuditEvent(prisma, { actor: { type: "STAFF", id: 1, label }, action: "settings.update" });
      await prisma.auditEvent.updateMany({ where: { actorLabel: label }, data: { at } });
    }
    expect(await done()).toMatchObject({ auditEventsDeleted: 1 });
    expect((await prisma.auditEvent.findMany({ where: { action: "settings.update" } })).map((e) => e.actorLabel)).toEqual(["inside"]);
  });
});

describe("retention runs", () => {
  it("audits each run with its counts", async () => {
    await prisma.authSession.create({ data: { id: "old", parentAccountId: accountId, expiresAt: ago(8 * DAY) } });
    const counts = await done();
    const [event] = await prisma.auditEvent.findMany({ where: { action: "retention.run" } });
    expect(event).toMatchObject({ actorType: "SYSTEM", actorLabel: "retention" });
    expect(event!.details).toEqual({ ...counts, sessionsDeleted: 1 });
  });

  it("runs in one instance at a time, and once per interval across instances", async () => {
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query("SELECT pg_advisory_xact_lock(740602, 1)");
      expect(await runRetention({ now })).toEqual({ status: "skipped", reason: "locked" });
      await other.query("COMMIT");
    } finally {
      await other.end();
    }
    expect((await runRetention({ now, minIntervalMs: 50 * MINUTE })).status).toBe("done");
    expect(await runRetention({ now, minIntervalMs: 50 * MINUTE })).toEqual({ status: "skipped", reason: "recent" });
    expect(await prisma.auditEvent.count({ where: { action: "retention.run" } })).toBe(1);
  });

  it("is run by the worker loop of every server process", async () => {
    await prisma.authSession.create({ data: { id: "old", parentAccountId: accountId, expiresAt: ago(8 * DAY) } });
    const worker = startOutboxWorker({ pollMs: 50, jobs: [retentionJob(200)] });
    try {
      for (let waited = 0; (await prisma.auditEvent.count({ where: { action: "retention.run" } })) === 0; waited += 100) {
        if (waited > 20_000) throw new Error("the retention job did not run within 20 s");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await worker.stop();
    }
    expect(await prisma.authSession.count()).toBe(0);
  });
});
