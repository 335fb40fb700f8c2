import net from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { startDevSmtpReceiver } from "@/lib/mail/dev-smtp-receiver";
import { enqueueEmail } from "@/lib/mail/enqueue-email";
import { closeMailTransport, createSmtpTransport, getMailTransport } from "@/lib/mail/mail-transport";
import { startMailServices } from "@/lib/mail/start-mail-services";
import { processOutboxBatch, startOutboxWorker } from "@/lib/mail/outbox-worker";
import { loginResetNotice as welcome } from "@/lib/mail/templates/login-reset-notice";
import { captureLogLines } from "../helpers/capture-logs";

async function waitFor<T>(check: () => Promise<T | null | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

afterEach(async () => {
  vi.unstubAllEnvs();
  await closeMailTransport();
  await prisma.devMailMessage.deleteMany();
  await prisma.emailOutbox.deleteMany();
});

describe("dev SMTP receiver", () => {
  it("stores each received message in DevMailMessage", async () => {
    const receiver = await startDevSmtpReceiver({ port: 0 });
    try {
      const { id } = await prisma.$transaction((tx) => enqueueEmail(tx, { to: "lan@example.com", locale: "vi", template: welcome, params: { parentName: "Lan <3", username: "lan" } }));
      const transport = createSmtpTransport(`smtp://${receiver.host}:${receiver.port}`, { ignoreTLS: true });
      expect(await processOutboxBatch({ transport })).toMatchObject({ sent: 1 });
      const outbox = await prisma.emailOutbox.findUniqueOrThrow({ where: { id } });
      const stored = await prisma.devMailMessage.findFirstOrThrow();
      expect(stored).toMatchObject({ toAddress: "lan@example.com", subject: "Cổng Thông tin Phụ huynh: thông tin đăng nhập của quý vị đã được đặt lại", messageId: outbox.messageId });
      expect(stored.fromAddress).toContain("no-reply@riverside.example.org");
      expect(stored.textBody).toContain("Kính gửi Lan <3,");
      expect(stored.textBody).toContain("Tạo tài khoản mới: http://localhost:3000/create-account");
      expect(stored.htmlBody).toContain("Kính gửi Lan &lt;3,");
      expect(stored.htmlBody).toContain('<div lang="vi" dir="ltr"');
    } finally {
      await receiver.stop();
    }
  });

  it("falls back to a free port when the configured one is taken", async () => {
    const blocker = net.createServer();
    const taken = await new Promise<number>((resolve) => blocker.listen(0, "127.0.0.1", () => resolve((blocker.address() as net.AddressInfo).port)));
    try {
      const receiver = await startDevSmtpReceiver({ port: taken });
      expect(receiver.port).not.toBe(taken);
      expect(receiver.port).toBeGreaterThan(0);
      await receiver.stop();
    } finally {
      blocker.close();
    }
  });

  it("in demo mode without SMTP_URL, the running worker delivers into the dev inbox", async () => {
    vi.stubEnv("SMTP_URL", undefined);
    vi.stubEnv("DEV_SMTP_PORT", "0");
    vi.stubEnv("DEMO_MODE", "1");
    const worker = startOutboxWorker({ pollMs: 50 });
    try {
      await prisma.$transaction((tx) => enqueueEmail(tx, { to: "sara@example.com", locale: "ar", template: welcome, params: { parentName: "Sara", username: "sara" } }));
      const stored = await waitFor(() => prisma.devMailMessage.findFirst({ where: { toAddress: "sara@example.com" } }));
      expect(stored.subject).toBe("بوابة أولياء الأمور: تمت إعادة تعيين بيانات تسجيل الدخول الخاصة بك");
      // The receiver stores the mail before the worker marks the row sent: wait for that too.
      const sent = await waitFor(() => prisma.emailOutbox.findFirst({ where: { status: "SENT" } }));
      expect(sent).toMatchObject({ status: "SENT", attempts: 1 });
    } finally {
      await worker.stop();
    }
  });

  it("outside demo mode without SMTP_URL, the mail services start no receiver and say which variable is missing", async () => {
    vi.stubEnv("SMTP_URL", undefined);
    vi.stubEnv("DEMO_MODE", undefined);
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, "127.0.0.1", () => {
        const { port: free } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    vi.stubEnv("DEV_SMTP_PORT", String(port));
    const logs = captureLogLines("error");
    try {
      await startMailServices();
      const listening = await new Promise<boolean>((resolve) => {
        const socket = net.connect({ host: "127.0.0.1", port }, () => {
          socket.destroy();
          resolve(true);
        });
        socket.once("error", () => resolve(false));
      });
      expect(listening).toBe(false);
      expect(logs.lines().find((line) => line.job === "outbox")).toMatchObject({ level: "error", msg: expect.stringContaining("SMTP_URL is not set") });
      await expect(getMailTransport()).rejects.toThrow(/SMTP_URL is not set/);
    } finally {
      logs.restore();
      await closeMailTransport();
      (globalThis as { mailServicesStarted?: boolean }).mailServicesStarted = undefined;
    }
  });
});
