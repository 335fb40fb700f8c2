// Forgot Password in a real browser, in Vietnamese (language cookie) and in Spanish (the
// browser's Accept-Language): username, the security code read from the app's mail (its
// built-in receiver stores it in DevMailMessage), a new password, the success page. Then a
// locked parent who keeps the password and unlocks, on an English page although the school
// stored Vietnamese: the mail follows the page's language.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eBaseUrl, e2eDatabaseUrl } from "../helpers/e2e-server";
import type { Browser, BrowserContext } from "playwright-core";
import { launchBrowser } from "../helpers/browser";
import { securityCodeIn } from "../helpers/recovery-helpers";
import viForgot from "@/messages/vi/ForgotPassword.json";
import esForgot from "@/messages/es/ForgotPassword.json";
import viValidation from "@/messages/vi/Validation.json";
import esValidation from "@/messages/es/Validation.json";
import enForgot from "@/messages/en/ForgotPassword.json";
import enCommon from "@/messages/en/Common.json";

process.env.DATABASE_URL = e2eDatabaseUrl();
const baseUrl = e2eBaseUrl();

const { prisma } = await import("@/lib/db");
const { hashSecret, verifySecret } = await import("@/lib/security/password-hash");
const { createParentWithChild, createSchool } = await import("../helpers/parent-fixtures");

let browser: Browser;

async function waitForMail(to: string, subjectPart: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mail = await prisma.devMailMessage.findFirst({
      where: { toAddress: { contains: to, mode: "insensitive" }, subject: { contains: subjectPart } },
      orderBy: { id: "desc" },
    });
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no mail "${subjectPart}" to ${to} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function createParent(locale: "vi" | "es", username: string, email: string, lockedUntil: Date | null = null) {
  const schoolId = (await createSchool(prisma)).id;
  const { account } = await createParentWithChild(prisma, schoolId, {
    firstName: locale === "vi" ? "Lan" : "Rosa",
    lastName: locale === "vi" ? "Trần" : "Martínez",
    email,
    preferredLocale: locale,
    account: { username, passwordHash: await hashSecret("an old forgotten passphrase") },
  });
  // The account-wide cap of wrong passwords reached: only the unlock or a new password helps.
  if (lockedUntil) await prisma.parentAccount.update({ where: { id: account!.id }, data: { failedAttempts: 50, failureWindowStartedAt: new Date(), lockedUntil } });
  return account!;
}

async function runFlow(
  context: BrowserContext,
  options: { username: string; email: string; newPassword: string; texts: typeof viForgot; validation: typeof viValidation; codeSubject: string; lang: string },
) {
  const { texts } = options;
  const page = await context.newPage();
  await page.goto(`${baseUrl}/forgot-password`);
  expect(await page.locator("html").getAttribute("lang")).toBe(options.lang);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(texts.title);

  await page.getByLabel(texts.usernameLabel, { exact: true }).fill(options.username);
  await page.getByRole("button", { name: texts.next }).click();
  await page.waitForURL(`${baseUrl}/forgot-password/code`);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(texts.codeTitle);

  const mail = await waitForMail(options.email, options.codeSubject);
  const code = securityCodeIn(mail.textBody);
  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
  await page.getByLabel(texts.codeLabel, { exact: true }).fill(wrong);
  await page.getByRole("button", { name: texts.next }).click();
  await page.getByText(texts.codeInvalid).waitFor();

  await page.getByLabel(texts.codeLabel, { exact: true }).fill(code);
  await page.getByRole("button", { name: texts.next }).click();
  await page.waitForURL(`${baseUrl}/forgot-password/new-password`);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(texts.newPasswordTitle);

  await page.getByLabel(texts.passwordLabel, { exact: true }).fill(options.newPassword);
  await page.getByLabel(texts.passwordConfirmLabel, { exact: true }).fill(`${options.newPassword}x`);
  await page.getByRole("button", { name: texts.save }).click();
  await page.getByText(options.validation.passwordsDoNotMatch).waitFor();

  await page.getByLabel(texts.passwordConfirmLabel, { exact: true }).fill(options.newPassword);
  await page.getByRole("button", { name: texts.save }).click();
  await page.waitForURL(`${baseUrl}/forgot-password/done`);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(texts.doneTitle);
  expect(await page.getByRole("link", { name: texts.signIn }).getAttribute("href")).toBe("/sign-in");
  await page.close();
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

describe("Forgot Password in the browser", () => {
  it("in Vietnamese, chosen with the language cookie", async () => {
    const account = await createParent("vi", "lan.tran", "lan.tran@example.com");
    const context = await browser.newContext({ locale: "en-US" });
    await context.addCookies([{ name: "NEXT_LOCALE", value: "vi", url: baseUrl }]);
    await runFlow(context, {
      username: "Lan.Tran",
      email: "lan.tran@example.com",
      newPassword: "mùa thu Hà Nội 1990",
      texts: viForgot,
      validation: viValidation,
      codeSubject: "Đặt lại mật khẩu",
      lang: "vi",
    });
    await context.close();
    const after = await prisma.parentAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(await verifySecret(after.passwordHash!, "mùa thu Hà Nội 1990")).toBe(true);
    expect(await prisma.passwordResetCode.count({ where: { parentAccountId: account.id, usedAt: { not: null } } })).toBe(1);
  });

  it("a locked parent keeps the password and unlocks; a malformed code is shown like a wrong one", async () => {
    const account = await createParent("vi", "lan.locked", "lan.locked@example.com", new Date(Date.now() + 86_400_000));
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/forgot-password`);
    await page.getByLabel(enForgot.usernameLabel, { exact: true }).fill("lan.locked");
    await page.getByRole("button", { name: enForgot.next }).click();
    await page.waitForURL(`${baseUrl}/forgot-password/code`);
    // Page in English, stored language Vietnamese: the code mail reads in English first.
    const mail = await waitForMail("lan.locked@example.com", "Reset your Parent Portal password");

    const codeField = page.getByLabel(enForgot.codeLabel, { exact: true });
    for (const [typed, message] of [["12ab", enForgot.codeFormat], [String((Number(securityCodeIn(mail.textBody)) + 1) % 1_000_000).padStart(6, "0"), enForgot.codeInvalid]]) {
      await codeField.fill(typed!);
      await page.getByRole("button", { name: enForgot.next }).click();
      await page.getByText(message!).waitFor();
      expect(await codeField.getAttribute("aria-invalid")).toBe("true");
      expect(await page.getByText(enCommon.invalidForm).count()).toBe(0);
    }
    await codeField.fill(securityCodeIn(mail.textBody));
    await page.getByRole("button", { name: enForgot.next }).click();
    await page.waitForURL(`${baseUrl}/forgot-password/new-password`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(enForgot.lockedTitle);
    expect(await page.getByRole("heading", { level: 2, name: enForgot.chooseNewPasswordHeading }).count()).toBe(1);
    await page.getByRole("button", { name: enForgot.unlockKeepPassword }).click();
    await page.waitForURL(`${baseUrl}/forgot-password/unlocked`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(enForgot.unlockDoneTitle);
    await context.close();

    const after = await prisma.parentAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(after).toMatchObject({ failedAttempts: 0, lockedUntil: null, passwordHash: account.passwordHash });
    const confirmation = await waitForMail("lan.locked@example.com", "Your Parent Portal account was unlocked");
    expect(confirmation.textBody.startsWith("English:")).toBe(true);
  });

  it("in Spanish, chosen from the browser's Accept-Language", async () => {
    const account = await createParent("es", "rosa.m", "rosa.m@example.com");
    const context = await browser.newContext({ locale: "es-MX" });
    await runFlow(context, {
      username: "rosa.m",
      email: "rosa.m@example.com",
      newPassword: "primavera en Denver 2024",
      texts: esForgot,
      validation: esValidation,
      codeSubject: "Restablezca su contraseña",
      lang: "es",
    });
    await context.close();
    const after = await prisma.parentAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(await verifySecret(after.passwordHash!, "primavera en Denver 2024")).toBe(true);
    expect(after.status).toBe("ACTIVE");
  });
});
