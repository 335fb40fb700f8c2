// The SMS outbox and its Twilio-compatible HTTP transport, against a local HTTP server that
// checks each request the way Twilio documents its Messages API (Basic auth AccountSid:AuthToken,
// POST form fields To/From/Body to /2010-04-01/Accounts/{Sid}/Messages.json, 201 with a sid;
// JSON errors with 400, 429, 500) and the demo receiver that feeds the Dev inbox.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { enqueueSms } from "@/lib/sms/enqueue-sms";
import { createDevSmsTransport, listDevSmsMessages } from "@/lib/sms/dev-sms-receiver";
import { processSmsOutboxBatch, smsOutboxJob } from "@/lib/sms/sms-outbox-worker";
import { configuredSmsTransport, missingSmsVariables } from "@/lib/sms/sms-transport-config";
import { createTwilioSmsTransport } from "@/lib/sms/twilio-sms-transport";

const SID = "AC0123456789abcdef0123456789abcdef";
const TOKEN = "auth-token-of-the-test";
const FROM = "+15005550006";

interface Received {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  form: Record<string, string>;
}

/** A stand-in for api.twilio.com: validates like Twilio, answers what the test queues. */
class FakeTwilio {
  server!: Server;
  received: Received[] = [];
  /** Answers to give before the normal 201, e.g. [{status: 429, retryAfter: "0"}]. */
  planned: { status: number; body?: unknown; retryAfter?: string }[] = [];
  nextSid = 1;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: import("node:http").ServerResponse) {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const form = Object.fromEntries(new URLSearchParams(raw));
    this.received.push({ method: req.method!, path: req.url!, authorization: req.headers.authorization, contentType: req.headers["content-type"], form });
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    const expectedAuth = `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString("base64")}`;
    if (req.headers.authorization !== expectedAuth) return reply(401, { code: 20003, message: "Authenticate", status: 401 });
    if (req.method !== "POST" || req.url !== `/2010-04-01/Accounts/${SID}/Messages.json`) {
      return reply(404, { code: 20404, message: "The requested resource was not found", status: 404 });
    }
    if (!String(req.headers["content-type"]).startsWith("application/x-www-form-urlencoded")) {
      return reply(400, { code: 21609, message: "Invalid content type", status: 400 });
    }
    if (!form.To || !form.From || !form.Body) return reply(400, { code: 21604, message: "A 'To' phone number is required.", status: 400 });
    const planned = this.planned.shift();
    if (planned) return reply(planned.status, planned.body ?? { code: 20500, message: "Internal Server Error", status: planned.status }, planned.retryAfter ? { "retry-after": planned.retryAfter } : {});
    reply(201, { sid: `SM${String(this.nextSid++).padStart(32, "0")}`, status: "queued", to: form.To, from: form.From, body: form.Body });
  }
}

const twilio = new FakeTwilio();
let baseUrl: string;
const transport = () => createTwilioSmsTransport({ accountSid: SID, authToken: TOKEN, from: FROM, baseUrl });
const makeAllDue = () => prisma.smsOutbox.updateMany({ where: { status: "PENDING" }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
const queueCode = (to = "+15035550123", code = "482913") =>
  prisma.$transaction((tx) => enqueueSms(tx, { to, template: "staff-verification-code", params: { code, validMinutes: 10 } }));

beforeAll(async () => {
  baseUrl = await twilio.start();
});
afterAll(async () => {
  await twilio.stop();
});
afterEach(async () => {
  twilio.received = [];
  twilio.planned = [];
  await prisma.smsOutbox.deleteMany();
  await prisma.devSmsMessage.deleteMany();
});

describe("SMS outbox through the Twilio-compatible HTTP transport", () => {
  it("posts To, From and Body with Basic auth to the account's Messages.json and records the sid", async () => {
    const { id } = await queueCode();
    const result = await processSmsOutboxBatch({ transport: transport() });
    expect(result).toEqual({ claimed: 1, sent: 1, retried: 0, failed: 0 });
    expect(twilio.received).toHaveLength(1);
    const [request] = twilio.received;
    expect(request!.method).toBe("POST");
    expect(request!.path).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(request!.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request!.form).toEqual({ To: "+15035550123", From: FROM, Body: expect.stringContaining("482 913") });
    expect(request!.form.Body).toContain("expires in 10 minutes");
    const row = await prisma.smsOutbox.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("SENT");
    expect(row.providerMessageId).toBe(`SM${"1".padStart(32, "0")}`);
    // The code is not kept at rest once delivered.
    expect(row.params).toEqual({});
  });

  it("retries after 429 (honouring Retry-After) and 500, then sends once", async () => {
    const { id } = await queueCode();
    twilio.planned = [
      { status: 429, body: { code: 20429, message: "Too Many Requests", status: 429 }, retryAfter: "120" },
      { status: 500 },
    ];
    expect(await processSmsOutboxBatch({ transport: transport() })).toMatchObject({ sent: 0, retried: 1 });
    let row = await prisma.smsOutbox.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("PENDING");
    expect(row.lastError).toContain("429");
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 100_000); // waits what the provider asked
    expect(row.params).toEqual({ code: "482913", validMinutes: 10 }); // still needed for the retry
    // Not due yet: nothing is sent.
    expect(await processSmsOutboxBatch({ transport: transport() })).toMatchObject({ claimed: 0 });

    await makeAllDue();
    expect(await processSmsOutboxBatch({ transport: transport() })).toMatchObject({ sent: 0, retried: 1 });
    row = await prisma.smsOutbox.findUniqueOrThrow({ where: { id } });
    expect(row.lastError).toContain("500");

    await makeAllDue();
    expect(await processSmsOutboxBatch({ transport: transport() })).toMatchObject({ sent: 1 });
    row = await prisma.smsOutbox.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "SENT", attempts: 3, lastError: null });
    expect(twilio.received).toHaveLength(3);
  });

  it("gives up at once on a 400 (invalid number) and erases the code", async () => {
    const { id } = await queueCode();
    twilio.planned = [{ status: 400, body: { code: 21211, message: "The 'To' number +15035550123 is not a valid phone number.", status: 400 } }];
    expect(await processSmsOutboxBatch({ transport: transport() })).toMatchObject({ failed: 1 });
    const row = await prisma.smsOutbox.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("FAILED");
    expect(row.lastError).toContain("21211");
    expect(row.params).toEqual({});
    await makeAllDue();
    expect(await processSmsOutboxBatch({ transport: transport() })).toMatchObject({ claimed: 0 });
  });

  it("keeps a message queued (retrying) when the credentials are refused, and never stores the token", async () => {
    const { id } = await queueCode();
    const wrong = createTwilioSmsTransport({ accountSid: SID, authToken: "wrong-token", from: FROM, baseUrl });
    expect(await processSmsOutboxBatch({ transport: wrong })).toMatchObject({ retried: 1 });
    const row = await prisma.smsOutbox.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("PENDING");
    expect(row.lastError).toContain("401");
    expect(row.lastError).not.toContain("wrong-token");
  });

  it("retries when the provider is unreachable", async () => {
    const { id } = await queueCode();
    const down = createTwilioSmsTransport({ accountSid: SID, authToken: TOKEN, from: FROM, baseUrl: "http://127.0.0.1:9" });
    expect(await processSmsOutboxBatch({ transport: down })).toMatchObject({ retried: 1 });
    expect((await prisma.smsOutbox.findUniqueOrThrow({ where: { id } })).lastError).toContain("unreachable");
  });

  it("two workers claiming at once send each message once", async () => {
    for (let i = 0; i < 6; i++) await queueCode(`+1503555010${i}`);
    const [a, b] = await Promise.all([processSmsOutboxBatch({ transport: transport() }), processSmsOutboxBatch({ transport: transport() })]);
    expect(a.sent + b.sent).toBe(6);
    expect(new Set(twilio.received.map((r) => r.form.To)).size).toBe(6);
    expect(twilio.received).toHaveLength(6);
  });

  it("refuses to queue a number that is not E.164", async () => {
    await expect(queueCode("503-555-0123")).rejects.toThrow(/E\.164/);
  });
});

describe("SMS transport configuration", () => {
  it("uses the HTTP provider when all three variables are set, SMS_TWILIO_BASE_URL included", async () => {
    const env = { SMS_TWILIO_ACCOUNT_SID: SID, SMS_TWILIO_AUTH_TOKEN: TOKEN, SMS_TWILIO_FROM: FROM, SMS_TWILIO_BASE_URL: baseUrl } as unknown as NodeJS.ProcessEnv;
    const configured = configuredSmsTransport(env)!;
    expect(configured.name).toBe("twilio");
    await queueCode();
    expect(await processSmsOutboxBatch({ transport: configured })).toMatchObject({ sent: 1 });
    expect(twilio.received).toHaveLength(1);
  });

  it("in demo mode without a provider, messages land in the Dev inbox's receiver", async () => {
    const configured = configuredSmsTransport({ DEMO_MODE: "1" } as unknown as NodeJS.ProcessEnv)!;
    expect(configured.name).toBe("dev-receiver");
    await queueCode("+15035550199", "111222");
    expect(await processSmsOutboxBatch({ transport: configured })).toMatchObject({ sent: 1 });
    const [message] = await listDevSmsMessages();
    expect(message).toMatchObject({ toNumber: "+15035550199", body: expect.stringContaining("111 222") });
    expect(twilio.received).toHaveLength(0);
  });

  it("outside demo mode without a provider: no transport, the message stays queued and the log names the missing variable", async () => {
    const env = { SMS_TWILIO_ACCOUNT_SID: SID, SMS_TWILIO_FROM: FROM } as unknown as NodeJS.ProcessEnv;
    expect(configuredSmsTransport(env)).toBeNull();
    expect(missingSmsVariables(env)).toEqual(["SMS_TWILIO_AUTH_TOKEN"]);
    const { id } = await queueCode();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const previous = process.env.SMS_TWILIO_AUTH_TOKEN;
    delete process.env.SMS_TWILIO_AUTH_TOKEN;
    try {
      const job = smsOutboxJob({ transport: null });
      await job.run();
      await job.run();
      expect(errors).toHaveBeenCalledTimes(1); // said once, not on every poll
      expect(String(errors.mock.calls[0]![0])).toContain("SMS_TWILIO_AUTH_TOKEN");
    } finally {
      errors.mockRestore();
      if (previous !== undefined) process.env.SMS_TWILIO_AUTH_TOKEN = previous;
    }
    const row = await prisma.smsOutbox.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "PENDING", attempts: 0 });
  });

  it("without a provider, a queued code is erased after 10 minutes (given up on); fresh codes and other messages stay queued", async () => {
    const old = await queueCode("+15035550123", "482913");
    const fresh = await queueCode("+15035550124", "771204");
    await prisma.smsOutbox.update({ where: { id: old.id }, data: { createdAt: new Date(Date.now() - 11 * 60_000) } });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await smsOutboxJob({ transport: null }).run();
    } finally {
      errors.mockRestore();
    }
    const erased = await prisma.smsOutbox.findUniqueOrThrow({ where: { id: old.id } });
    expect(erased).toMatchObject({ status: "FAILED", params: {} });
    expect(JSON.stringify(erased)).not.toContain("482913");
    expect(await prisma.smsOutbox.findUniqueOrThrow({ where: { id: fresh.id } })).toMatchObject({ status: "PENDING", params: { code: "771204" } });
  });

  it("the demo transport works without any provider configuration", async () => {
    await queueCode();
    expect(await processSmsOutboxBatch({ transport: createDevSmsTransport() })).toMatchObject({ sent: 1 });
  });
});
