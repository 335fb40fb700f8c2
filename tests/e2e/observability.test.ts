// Health, readiness, metrics and the JSON log of the production server (issue 11, items 1-3),
// over real HTTP: what a load balancer and a Prometheus scraper see, that metrics count what
// really happened, that a request's id is on its log line and its audit events, and that the
// log holds none of the secrets that passed through the server.
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eServer } from "../helpers/e2e-server";
import { signInOverHttp } from "../helpers/server-action-http";
import { recoveryCodeFor } from "../helpers/staff-second-factor";
import { registeredSecurityInfo } from "../helpers/staff-security-info";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";

const server = e2eServer();
process.env.DATABASE_URL = server.databaseUrl;
const baseUrl = server.baseUrl;
const metricsToken = server.metricsToken;
const logFile = server.logFile;

const { prisma } = await import("@/lib/db");
const { hashSecret } = await import("@/lib/security/password-hash");
const { issueStaffSetupLink } = await import("@/lib/staff-auth/issue-staff-setup-link");
const { getDistrictSettings } = await import("@/lib/settings/district-settings");

const STAFF_PASSPHRASE = "observability staff passphrase for the grid";
const PARENT_PASSWORD = "observability parent password 4411";
const WRONG_PASSWORD = "observability wrong password 9907";
let staffEmail: string;
let staffCookie: string;
let parentCookie: string;
const secondFactorCodes: string[] = [];

/** The server's JSON log lines so far. */
function logLines(): Record<string, unknown>[] {
  return readFileSync(logFile, "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function scrape(): Promise<string> {
  const response = await fetch(new URL("/api/metrics", baseUrl), { headers: { Authorization: `Bearer ${metricsToken}` } });
  expect(response.status).toBe(200);
  return response.text();
}

/** A sample's value in the metrics text, 0 when absent. */
function sample(text: string, name: string): number {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

/** Waits until the server's log holds a line matching `where` (it is written when the response ends). */
async function logLine(where: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  for (let waited = 0; waited < 5_000; waited += 100) {
    const line = logLines().find(where);
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("no such log line");
}

beforeAll(async () => {
  const school = await createSchool(prisma, "Observability Elementary");
  await createParentWithChild(prisma, school.id, {
    firstName: "Olga",
    lastName: "Observed",
    account: { username: "observed.parent", passwordHash: await hashSecret(PARENT_PASSWORD) },
  });
  const domain = (await getDistrictSettings()).staffEmailDomains[0] ?? "observability.example.org";
  staffEmail = `observability.desk@${domain}`;
  await prisma.staffUser.create({ data: { email: staffEmail, name: "Observability Desk", role: "HELP_DESK", passwordHash: await hashSecret(STAFF_PASSPHRASE), securityInfo: { create: registeredSecurityInfo() } } });
  const code = await recoveryCodeFor(staffEmail);
  secondFactorCodes.push(code.code);
  staffCookie = await signInOverHttp(baseUrl, "staff", { email: staffEmail, password: STAFF_PASSPHRASE }, code);
  parentCookie = await signInOverHttp(baseUrl, "parent", { username: "observed.parent", password: PARENT_PASSWORD });
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe("GET /api/health", () => {
  it("answers 200 with the process's status and a request id, without a session", async () => {
    const response = await fetch(new URL("/api/health", baseUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.getSetCookie()).toEqual([]);
    const body = (await response.json()) as { status: string; uptimeSeconds: number };
    expect(body.status).toBe("ok");
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });
});

describe("GET /api/ready", () => {
  it("answers 200: database reachable, every migration applied, outbox worker turning, backlog reported", async () => {
    const response = await fetch(new URL("/api/ready", baseUrl));
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const body = JSON.parse(text) as Record<string, any>;
    expect(body).toMatchObject({
      status: "ready",
      ready: true,
      database: { ok: true },
      migrations: { ok: true, pending: [] },
      outboxWorker: { ok: true, state: "running" },
      outbox: { mail: { queued: expect.any(Number), oldestQueuedSeconds: expect.any(Number) } },
    });
    const shipped = readdirSync("prisma/migrations", { withFileTypes: true }).filter((entry) => entry.isDirectory()).length;
    expect(body.migrations.applied).toBe(shipped);
    // Nothing about where the database is or who connects to it.
    const url = new URL(server.databaseUrl);
    for (const secret of [url.password, url.port, url.username, url.pathname.slice(1)]) expect(text).not.toContain(secret);
  });

  it("reports the age of the oldest queued mail", async () => {
    const row = await prisma.emailOutbox.create({
      data: { toAddress: "backlog@example.com", template: "no-such-template", messageId: `<backlog-${Date.now()}@test>`, createdAt: new Date(Date.now() - 3_600_000), nextAttemptAt: new Date(Date.now() + 3_600_000) },
    });
    try {
      const body = (await (await fetch(new URL("/api/ready", baseUrl))).json()) as { outbox: { mail: { queued: number; oldestQueuedSeconds: number } } };
      expect(body.outbox.mail.queued).toBeGreaterThanOrEqual(1);
      expect(body.outbox.mail.oldestQueuedSeconds).toBeGreaterThanOrEqual(3_590);
      const metrics = await scrape();
      expect(sample(metrics, 'portal_outbox_oldest_queued_seconds{outbox="mail"}')).toBeGreaterThanOrEqual(3_590);
      expect(sample(metrics, 'portal_outbox_queue_depth{outbox="mail"}')).toBeGreaterThanOrEqual(1);
      expect(sample(metrics, "portal_outbox_backlog_read_ok")).toBe(1);
    } finally {
      await prisma.emailOutbox.delete({ where: { id: row.id } });
    }
  });
});

describe("GET /api/metrics", () => {
  it("is a 404 without the bearer token, with a wrong one, and for every session", async () => {
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: "Bearer wrong-token-wrong-token-wrong-token-00" },
      { Authorization: `Bearer ${metricsToken.slice(0, -1)}` },
      { Authorization: `Basic ${metricsToken}` },
      { Cookie: staffCookie },
      { Cookie: parentCookie },
    ];
    for (const headers of attempts) {
      const response = await fetch(new URL("/api/metrics", baseUrl), { headers });
      const text = await response.text();
      expect(response.status, JSON.stringify(Object.keys(headers))).toBe(404);
      expect(text).not.toContain("portal_");
    }
  });

  it("with the token: Prometheus text with the portal's metrics and the process's", async () => {
    const response = await fetch(new URL("/api/metrics", baseUrl), { headers: { Authorization: `Bearer ${metricsToken}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    for (const name of ["portal_outbox_queue_depth", "portal_sign_in_failures_total", "portal_http_request_duration_seconds", "process_resident_memory_bytes", "nodejs_eventloop_lag_seconds"]) {
      expect(text).toContain(`# TYPE ${name}`);
    }
  });

  it("counts what happened: a refused sign-in by kind, a grid search's durations, requests", async () => {
    const before = await scrape();
    const csrf = await fetch(new URL("/api/auth/csrf", baseUrl));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const jar = csrf.headers.getSetCookie().map((line) => line.split(";")[0]!).join("; ");
    const refused = await fetch(new URL("/api/auth/callback/parent", baseUrl), {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar },
      body: new URLSearchParams({ username: "observed.parent", password: WRONG_PASSWORD, csrfToken, json: "true" }),
    });
    await refused.arrayBuffer();
    const search = await fetch(new URL("/api/console/parents?q=observed", baseUrl), { headers: { Cookie: staffCookie } });
    expect(search.status).toBe(200);
    expect(((await search.json()) as { data: { rows: unknown[] } }).data.rows).toHaveLength(1);

    const after = await scrape();
    const delta = (name: string) => sample(after, name) - sample(before, name);
    expect(delta('portal_sign_in_failures_total{scope="parent",kind="password"}')).toBe(1);
    expect(delta('portal_grid_search_request_duration_seconds_count{status="200"}')).toBe(1);
    expect(delta('portal_grid_search_query_duration_seconds_count{search="typed"}')).toBe(1);
    expect(delta('portal_http_request_duration_seconds_count{method="POST",status="2xx"}') + delta('portal_http_request_duration_seconds_count{method="POST",status="3xx"}') + delta('portal_http_request_duration_seconds_count{method="POST",status="4xx"}')).toBeGreaterThanOrEqual(1);

    // The refusal's audit event and its log line carry the id the response carried.
    const requestId = refused.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "parent.sign-in.failed", actorLabel: "observed.parent" }, orderBy: { id: "desc" } });
    expect(event.requestId).toBe(requestId);
    const line = await logLine((candidate) => candidate.reqId === requestId && candidate.msg === "request");
    expect(line).toMatchObject({ level: "info", method: "POST", path: "/api/auth/callback/parent", status: refused.status, ip: "127.0.0.1" });
    expect(line.durationMs).toEqual(expect.any(Number));
  });
});

describe("the server's JSON log", () => {
  it("ignores a request id sent by a client that is not a trusted proxy", async () => {
    const response = await fetch(new URL("/api/health", baseUrl), { headers: { "X-Request-Id": "forged-by-the-client-0001" } });
    await response.arrayBuffer();
    expect(response.headers.get("x-request-id")).not.toBe("forged-by-the-client-0001");
  });

  it("logs the path of a setup link without its token", async () => {
    const domain = (await getDistrictSettings()).staffEmailDomains[0] ?? "observability.example.org";
    const pending = await prisma.staffUser.create({ data: { email: `observability.pending@${domain}`, name: "Observability Pending", role: "HELP_DESK", passwordHash: null, securityInfo: { create: registeredSecurityInfo() } } });
    const link = await prisma.$transaction((tx) => issueStaffSetupLink(tx, pending.id, "RESET"));
    const response = await fetch(new URL(`/console/set-passphrase?token=${encodeURIComponent(link.token)}`, baseUrl));
    await response.arrayBuffer();
    const line = await logLine((candidate) => candidate.reqId === response.headers.get("x-request-id") && candidate.msg === "request");
    expect(line.path).toBe("/console/set-passphrase");
    expect(readFileSync(logFile, "utf8")).not.toContain(link.token.split(".")[1]!);
  });

  it("is JSON lines (Next.js prints a few lines of its own at start), holding no password, passphrase, code, cookie or session token that passed through", async () => {
    const text = readFileSync(logFile, "utf8");
    const lines = text.split("\n").filter((line) => line.startsWith("{"));
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(() => JSON.parse(line), line.slice(0, 200)).not.toThrow();
    // Every request of this file has its line, e.g. each sign-in's POST to next-auth.
    expect(logLines().filter((line) => line.msg === "request" && line.path === "/api/auth/callback/parent").length).toBeGreaterThanOrEqual(2);
    const cookieValues = [staffCookie, parentCookie].flatMap((cookie) => cookie.split("; ").map((pair) => pair.split("=").slice(1).join("=")));
    for (const secret of [STAFF_PASSPHRASE, PARENT_PASSWORD, WRONG_PASSWORD, ...secondFactorCodes, ...cookieValues]) {
      expect(secret.length).toBeGreaterThan(8);
      expect(text).not.toContain(secret);
    }
  });
});
