// Two-step sign-in in a real browser against the production build: a new site admin signs in
// with the passphrase and lands on "Set up two-step sign-in" (the console stays shut); a code
// from the district mailbox (read from the demo receiver) unlocks the authenticator key; the app's
// code binds it and the ten recovery codes are shown once. Signing in again stops at the second
// step: a wrong code is refused, the app's code (or a recovery code, once) opens the console.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eBaseUrl, e2eDatabaseUrl } from "../helpers/e2e-server";
import type { Browser, Page } from "playwright-core";
import { generate } from "otplib";
import { launchBrowser } from "../helpers/browser";
import { registeredSecurityInfo } from "../helpers/staff-security-info";

process.env.DATABASE_URL = e2eDatabaseUrl();
const baseUrl = e2eBaseUrl();

const { prisma } = await import("@/lib/db");
const { hashSecret } = await import("@/lib/security/password-hash");

const ADMIN = { email: "mfa-admin@riverside.example.org", password: "mfa admin passphrase 2026" };
let browser: Browser;

async function waitFor<T>(load: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await load();
    if (row) return row;
    if (Date.now() > deadline) throw new Error("timed out waiting for the mail");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function passphraseStep(page: Page) {
  await page.goto(`${baseUrl}/console/sign-in`);
  await page.getByLabel("E-mail address").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

const codeIn = (secret: string, stepsAhead: number) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });

beforeAll(async () => {
  // Security info registered (the step after this one), so the console opens once the authenticator is bound.
  await prisma.staffUser.create({
    data: { email: ADMIN.email, name: "Mfa Admin", role: "SITE_ADMIN", passwordHash: await hashSecret(ADMIN.password), securityInfo: { create: registeredSecurityInfo() } },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

describe("console two-step sign-in", () => {
  it("binds an authenticator after a mailbox code, then asks for it at every sign-in", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await passphraseStep(page);
    await page.waitForURL(/\/console\/setup\/second-factor$/);
    // The console itself stays shut until the step is done.
    await page.goto(`${baseUrl}/console/parents`);
    await page.waitForURL(/\/console\/setup\/second-factor$/);

    await page.getByRole("button", { name: "Email me a code" }).click();
    await page.getByText(`We sent a code to ${ADMIN.email}.`).waitFor();
    const mail = await waitFor(() => prisma.devMailMessage.findFirst({ where: { toAddress: ADMIN.email, subject: "Your code to set up two-step sign-in" } }));
    const mailboxCode = /\b(\d{6})\b/.exec(mail.textBody)![1]!;
    await page.getByLabel("Code from the e-mail or from a site admin").fill(mailboxCode);
    await page.getByRole("button", { name: "Continue" }).click();

    const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s+/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByLabel("The 6-digit code the app shows now").fill(await codeIn(secret, 0));
    await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
    await page.getByTestId("recovery-codes").waitFor();
    const codes = (await page.getByTestId("recovery-codes").locator("li").allTextContents()).map((code) => code.trim());
    expect(codes).toHaveLength(10);
    await page.getByLabel("I saved these codes").check();
    await page.getByRole("link", { name: "Continue" }).click();
    await page.waitForURL(/\/console\/parents/);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/sign-in/);

    // Next sign-in: no session until the second step passes.
    await passphraseStep(page);
    await page.waitForURL(/\/console\/sign-in\/second-step/);
    await page.goto(`${baseUrl}/console/parents`);
    await page.waitForURL(/\/console\/sign-in/);
    await page.goto(`${baseUrl}/console/sign-in/second-step`);
    await page.getByLabel("Code from your authenticator app").fill("000000");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByText("That code is not right.").waitFor();
    // Site admins are never offered "don't ask again".
    expect(await page.getByText("Don't ask again on this browser").count()).toBe(0);
    // The next time step's code: the one used to bind the app is never accepted again.
    await page.getByLabel("Code from your authenticator app").fill(await codeIn(secret, 1));
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(/\/console\/parents/);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/sign-in/);

    // A recovery code works once.
    await passphraseStep(page);
    await page.waitForURL(/\/console\/sign-in\/second-step/);
    await page.getByRole("button", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(codes[0]!);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(/\/console\/parents/);
    const trail = await prisma.auditEvent.findMany({ where: { actorLabel: ADMIN.email, action: { startsWith: "staff.mfa." } }, select: { action: true } });
    expect(trail.map((event) => event.action)).toEqual(
      expect.arrayContaining(["staff.mfa.enrolment-code.send", "staff.mfa.enrol", "staff.mfa.failure", "staff.mfa.success", "staff.mfa.recovery-code-used"]),
    );
    await context.close();
  }, 120_000);
});
