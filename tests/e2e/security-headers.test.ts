// Security headers on the real server: every page carries a CSP with a fresh nonce (scripts
// only by nonce, never 'unsafe-inline'), frame-ancestors 'none' and a Permissions-Policy; the
// pages still hydrate in Chromium with no CSP violation; HSTS and Secure cookies exactly when
// the public URL is https.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { e2eBaseUrl, e2eDatabaseUrl } from "../helpers/e2e-server";
import type { Browser, Page } from "playwright-core";
import { startProductionServer } from "../../scripts/production-server";
import { launchBrowser } from "../helpers/browser";
import { cookiesOf, rawRequest } from "../helpers/raw-http";
import { createDatabaseFromTemplate } from "../helpers/test-database";
import { registeredSecurityInfo } from "../helpers/staff-security-info";
import { passSecondStepInBrowser, secondFactorFor } from "../helpers/staff-second-factor";

process.env.DATABASE_URL = e2eDatabaseUrl();
const baseUrl = e2eBaseUrl();

const { prisma } = await import("@/lib/db");
const { hashSecret } = await import("@/lib/security/password-hash");

const PAGES = ["/sign-in", "/forgot-username", "/forgot-password", "/create-account", "/console/sign-in"];
const STAFF = { email: `csp-desk-${Date.now().toString(36)}@riverside.example.org`, password: "content security passphrase" };
let browser: Browser;

beforeAll(async () => {
  await prisma.staffUser.create({ data: { email: STAFF.email, name: "Cora Policy", role: "SITE_ADMIN", passwordHash: await hashSecret(STAFF.password), securityInfo: { create: registeredSecurityInfo() } } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

function directives(policy: string): Map<string, string> {
  return new Map(policy.split(";").map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name!, values.join(" ")]));
}

function nonceOf(policy: string): string {
  const match = /'nonce-([^']+)'/.exec(directives(policy).get("script-src") ?? "");
  expect(match, policy).not.toBeNull();
  return match![1]!;
}

/** Records CSP violations (DOM events and console reports) for the page's whole life. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const reported: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|frame|connect)/i.test(message.text())) reported.push(message.text());
  });
  await page.addInitScript(() => {
    const store: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = store;
    document.addEventListener("securitypolicyviolation", (event) => store.push(`${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber} on ${location.pathname}`));
  });
  return async () => [...reported, ...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations))];
}

describe("content security policy", () => {
  it.each(PAGES)("%s carries a fresh nonce that every script carries, and the other headers", async (path) => {
    const first = await rawRequest(`${baseUrl}${path}`);
    const second = await rawRequest(`${baseUrl}${path}`);
    expect(first.status).toBe(200);
    const policy = String(first.headers["content-security-policy"] ?? "");
    const nonce = nonceOf(policy);
    expect(nonceOf(String(second.headers["content-security-policy"]))).not.toBe(nonce);
    const parsed = directives(policy);
    expect(parsed.get("script-src")).not.toContain("unsafe-inline");
    expect(parsed.get("script-src")).toContain("'strict-dynamic'");
    expect(parsed.get("frame-ancestors")).toBe("'none'");
    expect(parsed.get("object-src")).toBe("'none'");
    expect(String(first.headers["permissions-policy"])).toContain("camera=()");
    expect(first.headers["x-frame-options"]).toBe("DENY");
    // This server's public URL is http://127.0.0.1: no HSTS, no upgrade of requests.
    expect(first.headers["strict-transport-security"]).toBeUndefined();
    expect(parsed.has("upgrade-insecure-requests")).toBe(false);
    const scripts = first.body.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("parent pages hydrate with no CSP violation", async () => {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    const violations = await watchViolations(page);
    for (const path of PAGES.slice(0, 4)) {
      await page.goto(`${baseUrl}${path}`);
      await page.waitForLoadState("networkidle");
    }
    // The language switch is a client component calling a server action: it works only hydrated.
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel("Language").selectOption("es");
    await page.waitForFunction(() => document.documentElement.lang === "es");
    expect(await violations()).toEqual([]);
    await context.close();
  });

  it("console pages hydrate with no CSP violation", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations = await watchViolations(page);
    await page.goto(`${baseUrl}/console/sign-in`);
    await page.getByLabel("E-mail address").fill(STAFF.email);
    await page.getByLabel("Password").fill(STAFF.password);
    const secondFactor = await secondFactorFor(STAFF.email);
    await page.getByRole("button", { name: "Sign in" }).click();
    await passSecondStepInBrowser(page, secondFactor);
    await page.waitForURL(/\/console\/parents/);
    for (const path of ["/console/parents?q=a", "/console/audit", "/console/staff", "/console/settings", "/console/roster"]) {
      await page.goto(`${baseUrl}${path}`);
      await page.waitForLoadState("networkidle");
      expect(new URL(page.url()).pathname).toBe(path.split("?")[0]);
    }
    expect(await violations()).toEqual([]);
    await context.close();
  });
});

describe("https public URL", () => {
  it("adds HSTS, upgrade-insecure-requests and Secure cookies when the public URL is https", async () => {
    const databaseUrl = await createDatabaseFromTemplate(inject("databaseServerUrl"), inject("templateDatabase"), "e2e_https");
    const server = await startProductionServer({ databaseUrl, env: { PORTAL_URL: "https://portal.riverside.example.org" } });
    try {
      const page = await rawRequest(`${server.baseUrl}/sign-in`);
      expect(page.headers["strict-transport-security"]).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
      expect(directives(String(page.headers["content-security-policy"])).has("upgrade-insecure-requests")).toBe(true);
      const csrf = await rawRequest(`${server.baseUrl}/api/auth/csrf`);
      const cookies = csrf.headers["set-cookie"] ?? [];
      expect(cookies.length).toBeGreaterThan(0);
      for (const cookie of cookies) expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookiesOf(csrf)).toMatch(/__Host-next-auth\.csrf-token=/);
    } finally {
      await server.stop();
    }
  });
});
