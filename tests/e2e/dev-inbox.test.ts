// The running app (next start in demo mode, no SMTP_URL) sends queued mail to its built-in
// receiver and site admins read it in the Dev inbox; help desk cannot; captured HTML can
// neither run script in the console nor load anything remote.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eBaseUrl, e2eDatabaseUrl } from "../helpers/e2e-server";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser";
import { registeredSecurityInfo } from "../helpers/staff-security-info";
import { passSecondStepInBrowser, secondFactorFor } from "../helpers/staff-second-factor";

process.env.DATABASE_URL = e2eDatabaseUrl();
const baseUrl = e2eBaseUrl();

const { prisma } = await import("@/lib/db");
const { hashSecret } = await import("@/lib/security/password-hash");
const { enqueueEmail } = await import("@/lib/mail/enqueue-email");
const { passwordChanged } = await import("@/lib/mail/templates/password-changed");

const SUBJECT = "Se cambió su contraseña del Portal para Padres";

const EMAIL = "inbox-admin@riverside.example.org";
const PASSWORD = "inbox admin passphrase 2024";
const DESK = { email: "inbox-desk@riverside.example.org", password: "inbox desk passphrase 2024" };
let browser: Browser;

async function signIn(page: Page, email: string, password: string, callbackUrl: string) {
  await page.goto(`${baseUrl}/console/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  const secondFactor = await secondFactorFor(email);
  await page.getByRole("button", { name: "Sign in" }).click();
  await passSecondStepInBrowser(page, secondFactor);
}

async function waitForRow<T>(load: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await load();
    if (row) return row;
    if (Date.now() > deadline) throw new Error("timed out waiting for the app to deliver the mail");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  await prisma.staffUser.create({ data: { email: EMAIL, name: "Inbox Admin", role: "SITE_ADMIN", passwordHash: await hashSecret(PASSWORD), securityInfo: { create: registeredSecurityInfo() } } });
  await prisma.staffUser.create({ data: { email: DESK.email, name: "Inbox Desk", role: "HELP_DESK", passwordHash: await hashSecret(DESK.password), securityInfo: { create: registeredSecurityInfo() } } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

describe("Dev inbox", () => {
  it("shows mail the app's worker delivered to its built-in receiver, with HTML in a sandboxed frame", async () => {
    await prisma.$transaction((tx) => enqueueEmail(tx, { to: "rosa@example.com", locale: "es", template: passwordChanged, params: { username: "rosa.m" } }));
    // A row queued under a template that no longer exists: the worker gives up on it at once.
    await prisma.emailOutbox.create({ data: { toAddress: "old@example.com", template: "retired-template", messageId: "<retired@e2e.example.org>" } });
    const delivered = await waitForRow(() => prisma.devMailMessage.findFirst({ where: { toAddress: "rosa@example.com" } }));
    expect(delivered.subject).toBe(SUBJECT);
    await waitForRow(() => prisma.emailOutbox.findFirst({ where: { template: "retired-template", status: "FAILED" } }));
    // Hostile HTML as a foreign sender could deliver it to the receiver.
    const hostile = await prisma.devMailMessage.create({
      data: {
        fromAddress: "x@example.com",
        toAddress: "victim@example.com",
        subject: "Hostile",
        textBody: "<script>alert(1)</script>",
        htmlBody: `<p id="payload">payload</p><script>parent.document.title = "pwned";</script><img src=x onerror="parent.document.title='pwned'">`,
      },
    });

    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signIn(page, EMAIL, PASSWORD, "/console/dev-inbox");
    await page.waitForURL((url) => url.pathname === "/console/dev-inbox");

    await page.getByRole("heading", { name: "Dev inbox" }).waitFor();
    const sentCount = await page.locator("dt", { hasText: "Sent" }).locator("xpath=following-sibling::dd[1]").textContent();
    expect(Number(sentCount?.replace(/,/g, ""))).toBeGreaterThanOrEqual(1);
    const problem = page.getByRole("row").filter({ hasText: "old@example.com" });
    await expect(problem.getByRole("cell").nth(1).textContent()).resolves.toBe("retired-template");
    await expect(problem.textContent()).resolves.toContain('Unknown email template "retired-template": not sent');
    // Other browser tests share this server's inbox (and send mail with the same subject).
    await page.locator(`a[href="/console/dev-inbox?id=${delivered.id}"]`).click();
    await page.waitForURL(new RegExp(`id=${delivered.id}$`));
    await page.getByRole("heading", { level: 2, name: SUBJECT }).waitFor();
    const frame = page.frameLocator("iframe[title^='HTML body']");
    await expect(frame.locator("div[lang='es']").first().textContent()).resolves.toContain("Se cambió correctamente la contraseña de su cuenta del Portal para Padres (usuario: rosa.m).");
    await expect(frame.locator("div[lang='ar'][dir='rtl']").count()).resolves.toBe(1);
    await expect(page.locator("pre").textContent()).resolves.toContain("Español:");

    await page.goto(`${baseUrl}/console/dev-inbox?id=${hostile.id}`);
    const hostileFrame = page.locator("iframe[title^='HTML body']");
    expect(await hostileFrame.getAttribute("sandbox")).toBe("");
    await expect(page.frameLocator("iframe[title^='HTML body']").locator("#payload").textContent()).resolves.toBe("payload");
    await page.waitForTimeout(500);
    expect(await page.title()).not.toContain("pwned");
    expect(dialogs).toEqual([]);
    await expect(page.locator("pre").textContent()).resolves.toContain("<script>alert(1)</script>");

    // Bad ids fall back to the list instead of failing.
    const response = await page.goto(`${baseUrl}/console/dev-inbox?id=abc%27`);
    expect(response?.status()).toBe(200);
    await page.getByText("Select a message to read it.").waitFor();
  });

  it("is closed to help desk: no nav link, the page sends them away, the message HTML is a 404", async () => {
    const message = await prisma.devMailMessage.create({
      data: { fromAddress: "x@example.com", toAddress: "lan@example.com", subject: "Desk must not read", textBody: "code 123456", htmlBody: "<p>code 123456</p>" },
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, DESK.email, DESK.password, "/console/parents");
    await page.getByRole("navigation", { name: "Console" }).waitFor();
    await expect(page.getByRole("link", { name: "Dev inbox" }).count()).resolves.toBe(0);
    await page.goto(`${baseUrl}/console/dev-inbox?id=${message.id}`);
    expect(new URL(page.url()).pathname).toBe("/console/parents");
    await expect(page.content()).resolves.not.toContain("code 123456");
    const html = await page.request.get(`${baseUrl}/api/console/dev-inbox/${message.id}`);
    expect(html.status()).toBe(404);
    expect(await html.text()).not.toContain("123456");
    await context.close();
  });

  it("shows only the last 24 hours of captured mail", async () => {
    const old = await prisma.devMailMessage.create({
      data: { fromAddress: "x@example.com", toAddress: "old@example.com", subject: "From the day before", textBody: "old", htmlBody: "<p>old</p>", receivedAt: new Date(Date.now() - 25 * 60 * 60 * 1000) },
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, EMAIL, PASSWORD, "/console/dev-inbox");
    await page.getByRole("heading", { name: "Dev inbox" }).waitFor();
    await expect(page.locator(`a[href="/console/dev-inbox?id=${old.id}"]`).count()).resolves.toBe(0);
    await page.goto(`${baseUrl}/console/dev-inbox?id=${old.id}`);
    await page.getByText("That message no longer exists.").waitFor();
    expect((await page.request.get(`${baseUrl}/api/console/dev-inbox/${old.id}`)).status()).toBe(404);
    await context.close();
  });

  it("never loads a remote image from captured HTML, even when the HTML has a <header> before its <head>", async () => {
    const requests: string[] = [];
    const tracker: Server = createServer((request, response) => {
      requests.push(request.url ?? "");
      response.writeHead(200, { "Content-Type": "image/gif" });
      response.end(Buffer.from("R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==", "base64"));
    });
    await new Promise<void>((resolve) => tracker.listen(0, "127.0.0.1", resolve));
    const { port } = tracker.address() as AddressInfo;
    try {
      const message = await prisma.devMailMessage.create({
        data: {
          fromAddress: "tracker@example.com",
          toAddress: "victim@example.com",
          subject: "Tracking pixel",
          textBody: "pixel",
          htmlBody: `<header><p id="shown">Hello</p></header><html><head><title>t</title></head><body><img id="pixel" src="http://127.0.0.1:${port}/pixel.gif"><div style="background:url(http://127.0.0.1:${port}/bg.gif)">bg</div></body></html>`,
        },
      });
      const context = await browser.newContext();
      const page = await context.newPage();
      await signIn(page, EMAIL, PASSWORD, `/console/dev-inbox?id=${message.id}`);
      await page.getByRole("heading", { level: 2, name: "Tracking pixel" }).waitFor();
      // The frame's content is there, and its load event (which waits for its images) has fired.
      await expect(page.frameLocator("iframe[title^='HTML body']").locator("#shown").textContent()).resolves.toBe("Hello");
      await page.waitForLoadState("load");
      for (const frame of page.frames()) await frame.waitForLoadState("load");
      expect(requests).toEqual([]);
      expect(page.frames().some((each) => each.url().endsWith(`/api/console/dev-inbox/${message.id}`))).toBe(true);

      const response = await page.request.get(`${baseUrl}/api/console/dev-inbox/${message.id}`);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-security-policy"]).toContain("default-src 'none'");
      expect(response.headers()["content-security-policy"]).toContain("sandbox");
      expect(response.headers()["x-content-type-options"]).toBe("nosniff");
      await context.close();
    } finally {
      await new Promise((resolve) => tracker.close(resolve));
    }
  });
});
