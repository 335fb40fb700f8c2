// The running app (next start, no SMTP_URL) sends queued mail to its built-in receiver and
// staff read it in the Dev inbox; captured HTML cannot run script in the console.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../helpers/browser";

process.env.DATABASE_URL = inject("e2eDatabaseUrl");
const baseUrl = inject("e2eBaseUrl");

const { prisma } = await import("@/lib/db");
const { hashSecret } = await import("@/lib/security/password-hash");
const { enqueueEmail } = await import("@/lib/mail/enqueue-email");
const { defineEmailTemplate } = await import("@/lib/mail/email-template");

const hello = defineEmailTemplate<{ name: string }>({
  name: "e2e-hello",
  sensitive: false,
  render: (locale, { name }) => ({
    subject: { en: "Hello from the outbox", es: "Hola desde la bandeja", vi: "Xin chào từ hộp thư", ar: "مرحبا من صندوق الصادر" }[locale],
    paragraphs: [`Dear ${name}, this came through the worker.`],
  }),
});

const EMAIL = "inbox-agent@riverside.example.org";
const PASSWORD = "inbox agent passphrase 2024";
let browser: Browser;

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
  await prisma.staffUser.create({ data: { email: EMAIL, name: "Inbox Agent", role: "HELP_DESK", passwordHash: await hashSecret(PASSWORD) } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

describe("Dev inbox", () => {
  it("shows mail the app's worker delivered to its built-in receiver, with HTML in a sandboxed frame", async () => {
    await prisma.$transaction((tx) => enqueueEmail(tx, { to: "rosa@example.com", locale: "es", template: hello, params: { name: "Rosa" } }));
    const delivered = await waitForRow(() => prisma.devMailMessage.findFirst({ where: { toAddress: "rosa@example.com" } }));
    expect(delivered.subject).toBe("Hola desde la bandeja");
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
    await page.goto(`${baseUrl}/console/sign-in?callbackUrl=/console/dev-inbox`);
    await page.getByLabel("E-mail address").fill(EMAIL);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/console/dev-inbox");

    await page.getByRole("heading", { name: "Dev inbox" }).waitFor();
    const sentCount = await page.locator("dt", { hasText: "Sent" }).locator("xpath=following-sibling::dd[1]").textContent();
    expect(Number(sentCount?.replace(/,/g, ""))).toBeGreaterThanOrEqual(1);
    await page.getByRole("link", { name: /Hola desde la bandeja/ }).click();
    await page.waitForURL(new RegExp(`id=${delivered.id}$`));
    await page.getByRole("heading", { level: 2, name: "Hola desde la bandeja" }).waitFor();
    const frame = page.frameLocator("iframe[title^='HTML body']");
    await expect(frame.locator("div[lang='es']").first().textContent()).resolves.toContain("Dear Rosa, this came through the worker.");
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
});
