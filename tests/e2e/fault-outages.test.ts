// Faults while the app runs, on a production server of its own with a PostgreSQL and an SMTP
// server of its own (so both can be stopped): PostgreSQL restarted under the running app
// (requests during the outage get a clear 503, then succeed again with no app restart), and
// the SMTP server down for several retries of the outbox worker (every mail arrives exactly
// once afterwards).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type RunningPostgres } from "../../scripts/embedded-postgres";
import { startProductionServer, type ProductionServer } from "../../scripts/production-server";
import { waitFor } from "../helpers/fault-injection";
import { startSmtpCapture, type SmtpCapture } from "../helpers/smtp-capture";

const dataRoot = mkdtempSync(path.join(os.tmpdir(), "fault-outages-"));
const dataDir = path.join(dataRoot, "data");
// Kept on stop (persistent) so that the same cluster comes back; fsync off: throw-away.
const startPostgres = (port: number) => startEmbeddedPostgres({ dataDir, port, persistent: true, settings: ["-c", "fsync=off"] });

let postgres: RunningPostgres;
let server: ProductionServer;
let smtp: SmtpCapture;
let db: typeof import("@/lib/db").prisma;

beforeAll(async () => {
  postgres = await startPostgres(0);
  await postgres.createDatabase("portal");
  const databaseUrl = postgres.urlFor("portal");
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: "pipe" });
  process.env.DATABASE_URL = databaseUrl;
  db = (await import("@/lib/db")).prisma;
  smtp = await startSmtpCapture();
  server = await startProductionServer({ databaseUrl, env: { SMTP_URL: smtp.url, OUTBOX_POLL_MS: "100", ROSTER_POLL_MS: "1000" }, timeoutMs: 90_000 });
});
afterAll(async () => {
  await server?.stop();
  await db?.$disconnect();
  await smtp?.stop();
  await postgres?.stop();
  rmSync(dataRoot, { recursive: true, force: true });
});

const get = (pathname: string, headers: Record<string, string> = {}) => fetch(new URL(pathname, server.baseUrl), { redirect: "manual", headers });
// The JSON log line the portal server writes once it listens (lib/http/portal-server.ts).
const listeningLines = () => server.output().split("\n").filter((line) => line.includes(`"msg":"listening"`)).length;

describe("PostgreSQL restarted while the app runs", () => {
  it("answers 503 with a clear page (JSON under /api) during the outage, and works again afterwards without an app restart", async () => {
    expect((await get("/sign-in")).status).toBe(200);
    expect((await get("/api/console/captcha")).status).toBe(200);

    const port = Number(new URL(postgres.serverUrl).port);
    await postgres.stop();

    const spanish = await get("/sign-in", { Cookie: "NEXT_LOCALE=es" });
    expect(spanish.status).toBe(503);
    expect(spanish.headers.get("content-type")).toMatch(/^text\/html/);
    expect(spanish.headers.get("retry-after")).toBe("30");
    expect(spanish.headers.get("cache-control")).toBe("no-store");
    const spanishPage = await spanish.text();
    expect(spanishPage).toContain('<html lang="es"');
    expect(spanishPage).toContain("El portal para padres no está disponible en este momento.");

    const arabic = await get("/forgot-username", { "Accept-Language": "ar;q=0.9, en;q=0.5" });
    expect(arabic.status).toBe(503);
    expect(await arabic.text()).toContain('<html lang="ar" dir="rtl"');

    const api = await get("/api/console/captcha");
    expect(api.status).toBe(503);
    expect(api.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await api.json()).toEqual({ ok: false, code: "error", error: expect.stringMatching(/temporarily unavailable: its database cannot be reached/) });

    postgres = await startPostgres(port);
    await waitFor(async () => (await get("/sign-in")).status === 200, "the sign-in page to work again", 30_000, 200);
    expect((await get("/api/console/captcha")).status).toBe(200);
    const page = await (await get("/sign-in", { Cookie: "NEXT_LOCALE=es" })).text();
    expect(page).toContain('<h1 id="page-title" class="text-2xl font-semibold text-slate-900">Iniciar sesión</h1>');
    // The same server process throughout.
    expect(listeningLines()).toBe(1);
  });
});

describe("the SMTP server down for several retries", () => {
  it("delivers every queued mail exactly once once it is back", async () => {
    const { emailRequest, enqueueEmails } = await import("@/lib/mail/enqueue-email");
    const { loginResetNotice } = await import("@/lib/mail/templates/login-reset-notice");
    const queue = (names: string[]) =>
      db.$transaction((tx) =>
        enqueueEmails(tx, names.map((name) => emailRequest({ to: `${name}@example.com`, locale: "en", template: loginResetNotice, params: { parentName: name, username: name } }))),
      );
    // Time passing for the worker's backoff (5 s, 10 s, 20 s ...): due rows are made due now.
    const makeDue = () => db.emailOutbox.updateMany({ where: { status: "PENDING", lockedUntil: null }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });

    const port = smtp.port;
    await smtp.stop();
    const names = ["ana", "bao", "carmen", "dalia", "eli"];
    await queue(names);
    const RETRIES = 3;
    await waitFor(
      async () => {
        await makeDue();
        const rows = await db.emailOutbox.findMany();
        return rows.every((row) => row.attempts >= RETRIES);
      },
      `every mail to fail ${RETRIES} times`,
      60_000,
      100,
    );
    const failing = await db.emailOutbox.findMany();
    for (const row of failing) {
      expect(row.status).toBe("PENDING");
      expect(row.lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    }

    smtp = await startSmtpCapture({ port });
    await makeDue();
    await waitFor(async () => (await db.emailOutbox.count({ where: { status: "SENT" } })) === names.length, "every mail to be sent", 30_000, 100);
    // One more mail through the same worker: anything it would send twice would arrive before this.
    await queue(["marker"]);
    await smtp.waitForMessageTo("marker@example.com", { timeoutMs: 30_000 });

    const rows = await db.emailOutbox.findMany({ where: { toAddress: { not: "marker@example.com" } } });
    const delivered = smtp.messages.filter((mail) => !mail.envelopeTo.includes("marker@example.com"));
    expect(delivered.map((mail) => mail.envelopeTo[0]).sort()).toEqual(names.map((name) => `${name}@example.com`));
    expect(delivered.map((mail) => mail.messageId).sort()).toEqual(rows.map((row) => row.messageId).sort());
    for (const row of rows) expect(row.attempts).toBeGreaterThan(RETRIES);
  });
});
