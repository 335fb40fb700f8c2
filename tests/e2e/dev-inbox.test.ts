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
const { passwordChanged } = await import("@/lib/mail/templates/password-changed");

const SUBJECT = "Se cambió su contraseña del Parent Portal";

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
    await page.goto(`${baseUrl}/console/sign-in?callbackUrl=/console/dev-inbox`);
    await page.getByLabel("E-mail address").fill(EMAIL);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
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
    await expect(frame.locator("div[lang='es']").first().textContent()).resolves.toContain("Se cambió correctamente la contraseña de su cuenta del Parent Portal (usuario: rosa.m).");
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
