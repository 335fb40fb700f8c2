// Outside demo mode (a real deployment: DATABASE_URL, no DEMO_MODE) the Dev inbox does not
// exist, even for a site admin, and no process starts the built-in SMTP receiver: real mail
// goes to the district's SMTP server (SMTP_URL, which such a start requires; the refusal
// without it is tested in tests/integration/production-start.test.ts), never into the
// table the Dev inbox reads.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { findFreePort } from "../../scripts/embedded-postgres";
import { startProductionServer, type ProductionServer } from "../../scripts/production-server";
import { launchBrowser } from "../helpers/browser";
import { startSmtpCapture, type SmtpCapture } from "../helpers/smtp-capture";
import { createDatabaseFromTemplate } from "../helpers/test-database";
import { registeredSecurityInfo } from "../helpers/staff-security-info";
import { passSecondStepInBrowser, secondFactorFor } from "../helpers/staff-second-factor";

const databaseUrl = await createDatabaseFromTemplate(inject("databaseServerUrl"), inject("templateDatabase"), "e2e_nodemo");
process.env.DATABASE_URL = databaseUrl;

const { prisma } = await import("@/lib/db");
const { hashSecret } = await import("@/lib/security/password-hash");
const { enqueueEmail } = await import("@/lib/mail/enqueue-email");
const { passwordChanged } = await import("@/lib/mail/templates/password-changed");

const ADMIN = { email: "real-admin@riverside.example.org", password: "real admin passphrase 2024" };
let server: ProductionServer;
let smtpPort: number;
let smtp: SmtpCapture;
let browser: Browser;

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

beforeAll(async () => {
  await prisma.staffUser.create({ data: { email: ADMIN.email, name: "Real Admin", role: "SITE_ADMIN", passwordHash: await hashSecret(ADMIN.password), securityInfo: { create: registeredSecurityInfo() } } });
  await prisma.$transaction((tx) => enqueueEmail(tx, { to: "rosa@example.com", locale: "es", template: passwordChanged, params: { username: "rosa.m" } }));
  smtpPort = await findFreePort(2700);
  smtp = await startSmtpCapture();
  server = await startProductionServer({
    databaseUrl,
    env: { DEMO_MODE: "", SMTP_URL: smtp.url, DEV_SMTP_PORT: String(smtpPort), OUTBOX_POLL_MS: "200" },
    timeoutMs: 60_000,
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.stop();
  await prisma.$disconnect();
});

describe("Dev inbox outside demo mode", () => {
  it("answers 404 to a site admin, page and message HTML alike, and offers no link to it", async () => {
    const message = await prisma.devMailMessage.create({
      data: { fromAddress: "x@example.com", toAddress: "lan@example.com", subject: "Left over", textBody: "code 654321", htmlBody: "<p>code 654321</p>" },
    });
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/console/sign-in?callbackUrl=/console/parents`);
    await page.getByLabel("E-mail address").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    const secondFactor = await secondFactorFor(ADMIN.email);
    await page.getByRole("button", { name: "Sign in" }).click();
    await passSecondStepInBrowser(page, secondFactor);
    await page.waitForURL((url) => url.pathname === "/console/parents");
    await page.getByRole("link", { name: "Staff" }).waitFor();
    await expect(page.getByRole("link", { name: "Dev inbox" }).count()).resolves.toBe(0);

    const response = await page.goto(`${server.baseUrl}/console/dev-inbox?id=${message.id}`);
    expect(response?.status()).toBe(404);
    await expect(page.content()).resolves.not.toContain("654321");
    const html = await page.request.get(`${server.baseUrl}/api/console/dev-inbox/${message.id}`);
    expect(html.status()).toBe(404);
    expect(await html.text()).not.toContain("654321");
    await page.close();
  });

  it("starts no SMTP receiver: queued mail goes to SMTP_URL and never into the Dev inbox", async () => {
    expect(await isListening(smtpPort)).toBe(false);
    const delivered = await smtp.waitForMessageTo("rosa@example.com");
    expect(delivered.subject.length).toBeGreaterThan(0);
    expect(await isListening(smtpPort)).toBe(false);
    await expect(prisma.devMailMessage.count({ where: { toAddress: { contains: "rosa@example.com" } } })).resolves.toBe(0);
  });
});

// Issue 12, item 8: the demo lunch app exists only in demo mode, and is not registered outside it.
describe("the demo lunch app outside demo mode", () => {
  it("answers 404 on every path and has no registration", async () => {
    for (const [method, path] of [["GET", "/demo-apps/lunch"], ["GET", "/demo-apps/lunch/login"], ["GET", "/demo-apps/lunch/callback?code=x&state=y"], ["GET", "/demo-apps/lunch/logout"], ["POST", "/demo-apps/lunch/backchannel-logout"]] as const) {
      const response = await fetch(`${server.baseUrl}${path}`, { method, redirect: "manual" });
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    await expect(prisma.oidcClient.count({ where: { clientId: "riverside-lunch-demo" } })).resolves.toBe(0);
  });
});
