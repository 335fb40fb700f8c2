import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { defineEmailTemplate } from "@/lib/mail/email-template";
import { defaultDistrictSettings } from "@/lib/settings/district-settings";
import { emailRequest, enqueueEmail, enqueueEmails } from "@/lib/mail/enqueue-email";
import { createSmtpTransport } from "@/lib/mail/mail-transport";
import { MAX_ATTEMPTS, processOutboxBatch, startOutboxWorker } from "@/lib/mail/outbox-worker";
import { loginResetNotice as notice } from "@/lib/mail/templates/login-reset-notice";
import { securityCode as secretCode } from "@/lib/mail/templates/security-code";
import { startSmtpCapture, type SmtpCapture } from "../helpers/smtp-capture";

// The outbox stores a template's name, so only registered templates (the real ones) can be queued.

let smtp: SmtpCapture;
const transportFor = (capture: SmtpCapture) => createSmtpTransport(capture.url, { ignoreTLS: true });

async function queueNotices(count: number, prefix = "parent") {
  await prisma.$transaction((tx) =>
    enqueueEmails(tx, Array.from({ length: count }, (_, i) => emailRequest({ to: `${prefix}${i}@example.com`, locale: "en", template: notice, params: { parentName: `${prefix} ${i}`, username: `${prefix}${i}` } }))),
  );
}

/** Pretends the backoff delay has passed. */
const makeAllDue = () => prisma.emailOutbox.updateMany({ where: { status: "PENDING" }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });

beforeAll(async () => {
  // A district's database may run in its local zone: timing must not depend on it.
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`ALTER DATABASE "${new URL(process.env.DATABASE_URL!).pathname.slice(1)}" SET timezone TO 'America/Denver'`);
  await admin.end();
  const [zone] = await prisma.$queryRaw<{ TimeZone: string }[]>`SHOW timezone`;
  expect(zone?.TimeZone).toBe("America/Denver");
  smtp = await startSmtpCapture();
});
afterAll(async () => {
  await smtp.stop();
});
afterEach(async () => {
  smtp.clear();
  smtp.failNext(0);
  await prisma.emailOutbox.deleteMany();
});

describe("outbox worker against a real SMTP server", () => {
  it("delivers each queued mail once, with the stored Message-ID, multilingual content and district sender", async () => {
    const { id } = await prisma.$transaction((tx) => enqueueEmail(tx, { to: "amal@example.com", locale: "ar", template: notice, params: { parentName: "أمل", username: "amal" } }));
    await queueNotices(2);

    const result = await processOutboxBatch({ transport: transportFor(smtp) });
    expect(result).toEqual({ claimed: 3, sent: 3, retried: 0, failed: 0 });
    const mails = await smtp.waitForMessages(3);
    const row = await prisma.emailOutbox.findUniqueOrThrow({ where: { id } });
    const mail = mails.find((m) => m.envelopeTo.includes("amal@example.com"))!;
    expect(mail.subject).toBe("بوابة أولياء الأمور: تمت إعادة تعيين بيانات تسجيل الدخول الخاصة بك");
    expect(mail.messageId).toBe(row.messageId);
    expect(mail.from).toContain("no-reply@riverside.example.org");
    expect(mail.text.indexOf("العربية:")).toBeLessThan(mail.text.indexOf("English:"));
    expect(mail.text).toContain("عزيزي ولي الأمر أمل،");
    expect(mail.text).toContain("قام موظفو Riverside Unified School District");
    expect(mail.text).toContain("555-0100");
    expect(mail.html).toContain('<div lang="ar" dir="rtl"');
    expect(row).toMatchObject({ status: "SENT", attempts: 1, lastError: null, lockedUntil: null });
    expect(row.sentAt).toBeInstanceOf(Date);

    // Nothing is due any more: a second pass sends nothing.
    expect(await processOutboxBatch({ transport: transportFor(smtp) })).toMatchObject({ claimed: 0 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.messages).toHaveLength(3);
  });

  it("survives an SMTP outage: backs off, records the error, then delivers every mail exactly once", async () => {
    await queueNotices(4);
    const port = smtp.port;
    await smtp.stop();

    const down = await processOutboxBatch({ transport: transportFor(smtp) });
    expect(down).toEqual({ claimed: 4, sent: 0, retried: 4, failed: 0 });
    const waiting = await prisma.emailOutbox.findMany();
    for (const row of waiting) {
      expect(row).toMatchObject({ status: "PENDING", attempts: 1, lockedUntil: null });
      expect(row.lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
      const delay = row.nextAttemptAt.getTime() - Date.now();
      expect(delay).toBeGreaterThan(2_500); // 5 s ± 20 %, minus test time
      expect(delay).toBeLessThanOrEqual(6_000);
    }
    // Backoff is respected: not due yet.
    expect(await processOutboxBatch({ transport: transportFor(smtp) })).toMatchObject({ claimed: 0 });

    // The server comes back on the same port, but refuses the next two deliveries (451 on DATA).
    smtp = await startSmtpCapture({ port, failNext: 2, failCode: 451 });
    await makeAllDue();
    const flaky = await processOutboxBatch({ transport: transportFor(smtp), concurrency: 1 });
    expect(flaky).toEqual({ claimed: 4, sent: 2, retried: 2, failed: 0 });
    const retrying = await prisma.emailOutbox.findMany({ where: { status: "PENDING" } });
    expect(retrying.map((r) => r.attempts)).toEqual([2, 2]);
    for (const row of retrying) {
      expect(row.lastError).toContain("451");
      expect(row.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(6_000); // second delay: 10 s ± 20 %
    }

    await makeAllDue();
    expect(await processOutboxBatch({ transport: transportFor(smtp) })).toMatchObject({ claimed: 2, sent: 2 });
    expect(smtp.refused).toBe(2);
    const received = await smtp.waitForMessages(4);
    const rows = await prisma.emailOutbox.findMany({ orderBy: { id: "asc" } });
    expect(rows.every((r) => r.status === "SENT")).toBe(true);
    expect(received.map((m) => m.messageId).sort()).toEqual(rows.map((r) => r.messageId).sort());
    expect(new Set(received.map((m) => m.messageId)).size).toBe(4);
  });

  it("treats 421 as temporary too", async () => {
    await queueNotices(1);
    smtp.failNext(1, 421);
    expect(await processOutboxBatch({ transport: transportFor(smtp) })).toMatchObject({ retried: 1 });
    await makeAllDue();
    expect(await processOutboxBatch({ transport: transportFor(smtp) })).toMatchObject({ sent: 1 });
    expect(await smtp.waitForMessages(1)).toHaveLength(1);
  });

  it("never double-sends when two workers drain the queue concurrently", async () => {
    await queueNotices(40);
    const drain = async () => {
      let sent = 0;
      for (;;) {
        const batch = await processOutboxBatch({ transport: transportFor(smtp), batchSize: 5, concurrency: 2 });
        if (batch.claimed === 0) return sent;
        sent += batch.sent;
      }
    };
    const [a, b] = await Promise.all([drain(), drain()]);
    expect(a + b).toBe(40);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    const received = await smtp.waitForMessages(40);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages).toHaveLength(40);
    expect(new Set(received.map((m) => m.messageId)).size).toBe(40);
    expect(await prisma.emailOutbox.count({ where: { status: "SENT", attempts: 1 } })).toBe(40);
  });

  it("delivers every mail exactly once when a slow SMTP server outlasts the lease of two workers", async () => {
    // Each mail takes longer to accept than the lease lasts, and a batch holds several mails:
    // without renewing and re-checking the lease, the second worker re-claims rows the first
    // is still sending, or has yet to send, and both deliver them.
    const slow = await startSmtpCapture({ acceptDelayMs: 3_000 });
    try {
      await queueNotices(6, "slow");
      const options = { transport: transportFor(slow), batchSize: 6, concurrency: 2, leaseMs: 1_500, pollMs: 100 };
      const workers = [startOutboxWorker(options), startOutboxWorker(options)];
      try {
        // Done when all are SENT, or as soon as a seventh delivery proves a duplicate.
        for (let waited = 0; slow.messages.length <= 6 && (await prisma.emailOutbox.count({ where: { status: "SENT" } })) < 6; waited += 200) {
          if (waited > 60_000) throw new Error("the outbox was not drained within 60 s");
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      } finally {
        await Promise.all(workers.map((worker) => worker.stop()));
      }
      const perMessageId = new Map<string, number>();
      for (const mail of slow.messages) perMessageId.set(mail.messageId ?? "", (perMessageId.get(mail.messageId ?? "") ?? 0) + 1);
      const rows = await prisma.emailOutbox.findMany();
      expect([...perMessageId.values()]).toEqual([1, 1, 1, 1, 1, 1]);
      expect(rows.every((row) => row.status === "SENT" && row.attempts === 1)).toBe(true);
      expect(new Set(perMessageId.keys())).toEqual(new Set(rows.map((row) => row.messageId)));
    } finally {
      await slow.stop();
    }
  });

  it("leaves a row claimed by another worker alone until its lease expires", async () => {
    await queueNotices(1);
    await prisma.emailOutbox.updateMany({ data: { lockedUntil: new Date(Date.now() + 60_000) } });
    expect(await processOutboxBatch({ transport: transportFor(smtp) })).toMatchObject({ claimed: 0 });
    // The other worker crashed: once the lease is over, the mail is picked up.
    await prisma.emailOutbox.updateMany({ data: { lockedUntil: new Date(Date.now() - 1_000) } });
    expect(await processOutboxBatch({ transport: transportFor(smtp) })).toMatchObject({ claimed: 1, sent: 1 });
  });

  it("erases the params (the secret) of a sensitive mail once sent, after delivering the secret", async () => {
    const { id } = await prisma.$transaction((tx) => enqueueEmail(tx, { to: "vy@example.com", locale: "vi", template: secretCode, params: { code: "482913", validMinutes: 15 } }));
    const queued = await prisma.emailOutbox.findUniqueOrThrow({ where: { id } });
    expect(queued).toMatchObject({ sensitive: true, template: "security-code", locale: "vi", params: { code: "482913", validMinutes: 15 } });

    await processOutboxBatch({ transport: transportFor(smtp) });
    const mail = await smtp.waitForMessageTo("vy@example.com");
    expect(mail.text).toContain("Mã bảo mật của quý vị: 482913");
    expect(mail.subject).toBe("Đặt lại mật khẩu Cổng Thông tin Phụ huynh của quý vị");
    const sent = await prisma.emailOutbox.findUniqueOrThrow({ where: { id } });
    expect(sent).toMatchObject({ status: "SENT", template: "security-code", params: {} });
    expect(JSON.stringify(sent)).not.toContain("482913");
  });

  it("gives up after the maximum attempts, erases a dead secret, and never sends it later", async () => {
    const { id } = await prisma.$transaction((tx) => enqueueEmail(tx, { to: "x@example.com", locale: "en", template: secretCode, params: { code: "111222", validMinutes: 15 } }));
    await prisma.emailOutbox.update({ where: { id }, data: { attempts: MAX_ATTEMPTS - 1 } });
    smtp.failNext(1);
    expect(await processOutboxBatch({ transport: transportFor(smtp) })).toMatchObject({ failed: 1 });
    const dead = await prisma.emailOutbox.findUniqueOrThrow({ where: { id } });
    expect(dead).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS, params: {} });
    await makeAllDue();
    expect(await processOutboxBatch({ transport: transportFor(smtp) })).toMatchObject({ claimed: 0 });
    expect(smtp.messages).toHaveLength(0);
  });

  it("renders at send time, with the district settings current then", async () => {
    const { id } = await prisma.$transaction((tx) => enqueueEmail(tx, { to: "ana@example.com", locale: "es", template: notice, params: { parentName: "Ana", username: "ana1" } }));
    expect(await prisma.emailOutbox.findUniqueOrThrow({ where: { id } })).toMatchObject({ params: { parentName: "Ana", username: "ana1" } });
    await prisma.districtSettings.upsert({
      where: { id: 1 },
      create: { id: 1, ...defaultDistrictSettings(), supportPhone: "555-0199" },
      update: { supportPhone: "555-0199" },
    });
    try {
      await processOutboxBatch({ transport: transportFor(smtp) });
      const mail = await smtp.waitForMessageTo("ana@example.com");
      expect(mail.text).toContain("llame al 555-0199");
      expect(mail.text).toContain("(usuario: ana1)");
    } finally {
      await prisma.districtSettings.deleteMany();
    }
  });

  it("fails a row whose template is unknown at once, with a clear error, erasing a secret, never sending it", async () => {
    const { id } = await prisma.emailOutbox.create({
      data: { toAddress: "old@example.com", template: "retired-template", params: { code: "999000" }, sensitive: true, messageId: "<retired@example.org>" },
    });
    expect(await processOutboxBatch({ transport: transportFor(smtp) })).toEqual({ claimed: 1, sent: 0, retried: 0, failed: 1 });
    const row = await prisma.emailOutbox.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "FAILED", attempts: 1, lockedUntil: null, params: {} });
    expect(row.lastError).toBe('Unknown email template "retired-template": not sent');
    await makeAllDue();
    expect(await processOutboxBatch({ transport: transportFor(smtp) })).toMatchObject({ claimed: 0 });
    expect(smtp.messages).toHaveLength(0);
  });

  it("fails a row whose params the template cannot render, without retrying, and still sends the others", async () => {
    const { id } = await prisma.emailOutbox.create({ data: { toAddress: "bad@example.com", template: "forgot-username", params: {}, messageId: "<bad@example.org>" } });
    await queueNotices(1);
    expect(await processOutboxBatch({ transport: transportFor(smtp) })).toEqual({ claimed: 2, sent: 1, retried: 0, failed: 1 });
    const row = await prisma.emailOutbox.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(row.lastError).toMatch(/^Could not render template "forgot-username": /);
    expect((await smtp.waitForMessages(1)).map((m) => m.envelopeTo)).toEqual([["parent0@example.com"]]);
  });

  it("refuses to queue a template that is not registered (the worker could not render it)", async () => {
    const adHoc = defineEmailTemplate<{ name: string }>({ name: "ad-hoc", sensitive: false, render: () => ({ subject: "x", paragraphs: [] }) });
    await expect(
      prisma.$transaction((tx) => enqueueEmail(tx, { to: "x@example.com", locale: "en", template: adHoc, params: { name: "x" } })),
    ).rejects.toThrow('template "ad-hoc" is not registered');
    // Same name as a real template, but a different definition: refused as well.
    const impostor = defineEmailTemplate({ ...notice });
    await expect(
      prisma.$transaction((tx) => enqueueEmails(tx, [emailRequest({ to: "x@example.com", locale: "en", template: impostor, params: { parentName: "x", username: "x" } })])),
    ).rejects.toThrow("is not registered");
    expect(await prisma.emailOutbox.count()).toBe(0);
  });

  it("does not queue a mail when the caller's transaction rolls back", async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await enqueueEmail(tx, { to: "gone@example.com", locale: "es", template: notice, params: { parentName: "x", username: "x" } });
        throw new Error("change failed");
      }),
    ).rejects.toThrow("change failed");
    expect(await prisma.emailOutbox.count()).toBe(0);
  });
});
