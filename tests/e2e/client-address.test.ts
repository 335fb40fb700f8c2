// The client's address over real HTTP against the real server (scripts/serve.ts, what
// `npm start` runs), on a server and database of this file's own (it exhausts per-address
// limits): a forged X-Forwarded-For, new on every request, neither escapes the per-address
// sign-in limit nor reaches the audit trail; behind a trusted proxy (TRUSTED_PROXIES) the
// right-most entry that is not a trusted proxy is the client.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { findFreePort } from "../../scripts/embedded-postgres";
import { startProductionServer, type ProductionServer } from "../../scripts/production-server";
import { launchBrowser } from "../helpers/browser";
import { cookiesOf, rawRequest } from "../helpers/raw-http";
import { createDatabaseFromTemplate } from "../helpers/test-database";
import enForgot from "@/messages/en/ForgotUsername.json";

process.env.DATABASE_URL = await createDatabaseFromTemplate(inject("databaseServerUrl"), inject("templateDatabase"), "e2e_addr");
const { prisma } = await import("@/lib/db");

// Connections from 127.0.0.2 come from a "proxy"; those from 127.0.0.1 come from a client.
const PROXY_ADDRESS = "127.0.0.2";
let server: ProductionServer;
let browser: Browser;

beforeAll(async () => {
  server = await startProductionServer({ databaseUrl: process.env.DATABASE_URL!, env: { TRUSTED_PROXIES: `${PROXY_ADDRESS}/32` } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await prisma.$disconnect();
});

/** One staff sign-in through next-auth's credentials endpoint; returns its error code. */
async function staffSignIn(email: string, headers: Record<string, string>, localAddress?: string): Promise<string | null> {
  const csrf = await rawRequest(`${server.baseUrl}/api/auth/csrf`, { localAddress });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const response = await rawRequest(`${server.baseUrl}/api/auth/callback/staff`, {
    method: "POST",
    localAddress,
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf), ...headers },
    body: new URLSearchParams({ csrfToken, email, password: "not the passphrase", json: "true" }).toString(),
  });
  const target = response.headers.location ?? (JSON.parse(response.body) as { url: string }).url;
  return new URL(target, server.baseUrl).searchParams.get("error");
}

async function auditIpsFor(label: string): Promise<string[]> {
  const events = await prisma.auditEvent.findMany({ where: { actorLabel: label }, select: { ip: true } });
  return events.map((event) => event.ip ?? "");
}

describe("client address", () => {
  it("a new forged X-Forwarded-For on every request still trips the per-address sign-in limit", async () => {
    const errors: (string | null)[] = [];
    for (let attempt = 0; attempt < 150 && !errors.includes("rate_limited"); attempt += 1) {
      const forged = `198.51.${Math.floor(attempt / 250)}.${attempt % 250}`;
      errors.push(await staffSignIn(`nobody-${attempt}@elsewhere.example.org`, { "X-Forwarded-For": forged, "X-Real-IP": forged }));
    }
    expect(errors[0]).toBe("invalid");
    expect(errors).toContain("rate_limited");
    // Every attempt counted against the socket's address; no bucket was keyed by client text.
    const buckets = await prisma.rateLimitBucket.findMany({ where: { key: { startsWith: "staff-sign-in:ip:" } } });
    expect(buckets.map((bucket) => bucket.key)).toEqual(["staff-sign-in:ip:127.0.0.1"]);
    // The per-(e-mail, source) failure throttles of lib/auth/sign-in-throttle.ts too.
    const sourceBuckets = await prisma.rateLimitBucket.findMany({ where: { key: { startsWith: "staff-sign-in:fail:nobody-" } } });
    expect(sourceBuckets.length).toBeGreaterThan(0);
    expect(sourceBuckets.filter((bucket) => !bucket.key.endsWith(":127.0.0.1"))).toEqual([]);
    await expect(prisma.rateLimitBucket.count({ where: { key: { contains: "198.51." } } })).resolves.toBe(0);
    expect(new Set(await auditIpsFor("nobody-0@elsewhere.example.org"))).toEqual(new Set(["127.0.0.1"]));
  });

  it("server actions see the socket's address too, not the header a browser sends", async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.250" } });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/forgot-username`);
    const email = "forged-header@example.com";
    await page.getByLabel(enForgot.emailLabel, { exact: true }).fill(email);
    await page.getByLabel(enForgot.emailConfirmLabel, { exact: true }).fill(email);
    await page.getByRole("button", { name: enForgot.submit, exact: true }).click();
    await page.getByText(enForgot.sentTitle).waitFor();
    await context.close();
    const events = await prisma.auditEvent.findMany({ where: { action: { startsWith: "parent.forgot-username" } }, select: { ip: true } });
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((event) => event.ip))).toEqual(new Set(["127.0.0.1"]));
    const buckets = await prisma.rateLimitBucket.findMany({ where: { key: { contains: "203.0.113.250" } } });
    expect(buckets).toEqual([]);
  });

  it("behind a trusted proxy (TRUSTED_PROXIES) the right-most untrusted X-Forwarded-For entry is the client", async () => {
    const cases = [
      { label: "via-proxy-1@elsewhere.example.org", header: "6.6.6.6, 203.0.113.77", expected: "203.0.113.77" },
      { label: "via-proxy-2@elsewhere.example.org", header: `203.0.113.78, ${PROXY_ADDRESS}`, expected: "203.0.113.78" },
      { label: "via-proxy-3@elsewhere.example.org", header: "", expected: PROXY_ADDRESS },
    ];
    for (const { label, header, expected } of cases) {
      expect(await staffSignIn(label, header ? { "X-Forwarded-For": header } : {}, PROXY_ADDRESS)).toBe("invalid");
      expect(await auditIpsFor(label)).toEqual([expected]);
    }
  });
});

describe("plain next start", () => {
  // It would hand the client's own X-Forwarded-For to the app: the app refuses to run in it.
  it("refuses to serve the app, naming the command to use instead", async () => {
    const port = await findFreePort(3300);
    const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
      env: { ...process.env, NODE_ENV: "production", DEMO_MODE: "1", DATABASE_URL: process.env.DATABASE_URL!, PORTAL_URL: "http://127.0.0.1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (chunk) => (output += String(chunk)));
    child.stderr!.on("data", (chunk) => (output += String(chunk)));
    const killer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    // A request too, in case Next.js loads instrumentation only when the first one arrives.
    const poke = setInterval(() => void fetch(`http://127.0.0.1:${port}/sign-in`).catch(() => undefined), 500);
    const code = await new Promise<number | null>((resolve) => child.on("exit", (exitCode) => resolve(exitCode)));
    clearTimeout(killer);
    clearInterval(poke);
    expect(output).toContain("Refusing to start: this process was not started by the portal's server");
    expect(code).toBe(1);
  });
});
