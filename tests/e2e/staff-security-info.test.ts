// In Chromium against the production build (demo mode): a staff member without security info
// is held on "Don't lose access to your account" after signing in, registers a mobile phone
// (code read from the demo SMS receiver) and an alternate e-mail (refused in a staff domain;
// code read from the Dev inbox's mail receiver), then reaches the console. Later changes ask
// for the passphrase again once the last one is more than 10 minutes old.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eBaseUrl, e2eDatabaseUrl } from "../helpers/e2e-server";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser";
import { giveStaffSecondFactor, passSecondStepInBrowser, type StaffRecoveryCodes } from "../helpers/staff-second-factor";

process.env.DATABASE_URL = e2eDatabaseUrl();
const baseUrl = e2eBaseUrl();

const { prisma } = await import("@/lib/db");
const { hashSecret } = await import("@/lib/security/password-hash");

const STAFF = { email: "new.registrant@riverside.example.org", password: "registrant passphrase by the river" };
const PHONE_TYPED = "(503) 555-0142";
const PHONE = "+15035550142";
const ALT = "new.registrant@personal.example.com";
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** The 6-digit code in the newest captured message matching `where`, waiting for the worker to deliver it. */
async function codeFrom(read: () => Promise<string | undefined>): Promise<string> {
  let code: string | undefined;
  await expect.poll(async () => (code = (await read())?.replace(/\s/g, "").match(/\d{6}/)?.[0]), { timeout: 15_000 }).toBeDefined();
  return code!;
}
const smsCode = () =>
  codeFrom(async () => (await prisma.devSmsMessage.findFirst({ where: { toNumber: PHONE }, orderBy: { id: "desc" } }))?.body.replace(/[^\d\s]/g, " ").match(/\d{3} \d{3}/)?.[0]);
const mailCode = () =>
  codeFrom(async () => (await prisma.devMailMessage.findFirst({ where: { toAddress: { contains: ALT } }, orderBy: { id: "desc" } }))?.textBody.match(/\b\d{6}\b/)?.[0]);

let codes: StaffRecoveryCodes;

beforeAll(async () => {
  const user = await prisma.staffUser.create({ data: { email: STAFF.email, name: "New Registrant", role: "HELP_DESK", passwordHash: await hashSecret(STAFF.password) } });
  // The authenticator is bound (the step before this one); the second step takes a recovery code.
  codes = await giveStaffSecondFactor(user.id);
  browser = await launchBrowser();
  context = await browser.newContext();
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await prisma.$disconnect();
});

describe("Don't lose access to your account", () => {
  it("holds a new staff member until two methods are registered, each confirmed by a code", async () => {
    await page.goto(`${baseUrl}/console/sign-in`);
    await page.getByLabel("E-mail address").fill(STAFF.email);
    await page.getByLabel("Password").fill(STAFF.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await passSecondStepInBrowser(page, codes);
    await page.getByRole("heading", { name: "Don't lose access to your account" }).waitFor();
    expect(page.url()).toContain("/console/setup/security-info");
    // The console stays closed meanwhile.
    await page.goto(`${baseUrl}/console/parents`);
    await page.waitForURL(/\/console\/setup\/security-info/);

    await page.getByLabel("Mobile number").fill(PHONE_TYPED);
    await page.getByRole("button", { name: "Send a code" }).first().click();
    await page.getByText("We sent a 6-digit code to +1 ••• ••• ••42").waitFor();
    await page.getByLabel("Code sent to +1 ••• ••• ••42").fill(await smsCode());
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.getByTestId("method-mobile-phone-status").getByText("Registered: +1 ••• ••• ••42").waitFor();

    const email = page.getByRole("textbox", { name: "Alternate e-mail", exact: true });
    await email.fill("registrant@riverside.example.org");
    await page.getByRole("button", { name: "Send a code" }).nth(1).click();
    // The refusal, not the section's hint (which says much the same before anything is typed).
    await page.getByText(/Use a personal address outside the district.*help desk can reset your passphrase/).waitFor();
    await email.fill(ALT);
    await page.getByRole("button", { name: "Send a code" }).nth(1).click();
    await page.getByLabel(/Code sent to n\*\*\*@personal\.example\.com/).fill(await mailCode());
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.getByTestId("method-alternate-e-mail-status").getByText("Registered: n***@personal.example.com").waitFor();

    await page.getByRole("link", { name: "Continue to the console" }).click();
    await page.getByTestId("staff-name").waitFor();
    expect(page.url()).toContain("/console/parents");
    const info = await prisma.staffSecurityInfo.findFirstOrThrow({ where: { staffUser: { email: STAFF.email } } });
    expect(info).toMatchObject({ phoneE164: PHONE, altEmail: ALT });
    // The district mailbox was told about each change.
    expect(await prisma.emailOutbox.count({ where: { toAddress: STAFF.email, template: "staff-security-notice" } })).toBe(2);
  });

  it("asks for the passphrase again when the last one is more than 10 minutes old", async () => {
    await prisma.authSession.updateMany({ where: { staffUser: { email: STAFF.email } }, data: { reauthenticatedAt: new Date(Date.now() - 11 * 60_000) } });
    await page.goto(`${baseUrl}/console/account`);
    await page.getByRole("link", { name: "Security info" }).click();
    await page.getByRole("heading", { name: "Confirm your passphrase" }).waitFor();
    await page.getByLabel("Passphrase").fill("not my passphrase at all");
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.getByText("That is not your passphrase.").waitFor();
    await page.getByLabel("Passphrase").fill(STAFF.password);
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.getByRole("heading", { name: "Don't lose access to your account" }).waitFor();
    await expect.poll(() => page.getByTestId("methods-registered").textContent()).toContain("2 of 2");
  });
});
