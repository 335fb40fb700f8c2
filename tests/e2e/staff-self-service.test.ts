// The seed's three staff journeys in Chromium against the production build (demo mode), codes
// read from the demo receivers (SMS and mail, as the Dev inbox shows them):
// 1. register a mobile phone and an alternate e-mail ("Don't lose access to your account");
// 2. change the passphrase while signed in, with a code texted to the phone;
// 3. "Get back into your account": the CAPTCHA, then two verification steps (a texted code
//    after typing the full number, and, since the person has two-step sign-in, a recovery code),
//    a new passphrase; nobody is signed in, the old passphrase is dead, the new one works.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eBaseUrl, e2eDatabaseUrl } from "../helpers/e2e-server";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser";

process.env.DATABASE_URL = e2eDatabaseUrl();
const baseUrl = e2eBaseUrl();

const { prisma } = await import("@/lib/db");
const { hashSecret, verifySecret } = await import("@/lib/security/password-hash");
const { replaceRecoveryCodes } = await import("@/lib/staff-auth/mfa/recovery-codes");

const EMAIL = "sam.journey@riverside.example.org";
const PASSPHRASES = ["journeys begin with a single passphrase", "the second passphrase after a texted code", "a third passphrase chosen after recovery"] as const;
const PHONE_TYPED = "(503) 555-0177";
const PHONE = "+15035550177";
const ALT = "sam.journey@personal.example.com";
let staffUserId: number;
let recoveryCodes: string[];
let browser: Browser;
let context: BrowserContext;
let page: Page;

async function codeFrom(read: () => Promise<string | undefined>): Promise<string> {
  let code: string | undefined;
  await expect.poll(async () => (code = await read()), { timeout: 20_000 }).toBeDefined();
  return code!;
}
/** The newest texted code to the phone, once it is newer than `after` (the demo SMS receiver). */
const smsCode = (after: number) =>
  codeFrom(async () => {
    const sms = await prisma.devSmsMessage.findFirst({ where: { toNumber: PHONE, id: { gt: after } }, orderBy: { id: "desc" } });
    return sms?.body.match(/(\d{3}) ?(\d{3})/)?.slice(1, 3).join("");
  });
const mailCode = (after: number) =>
  codeFrom(async () => (await prisma.devMailMessage.findFirst({ where: { toAddress: { contains: ALT }, id: { gt: after } }, orderBy: { id: "desc" } }))?.textBody.match(/\b\d{6}\b/)?.[0]);
const lastSmsId = async () => (await prisma.devSmsMessage.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0;
const lastMailId = async () => (await prisma.devMailMessage.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0;

async function signIn(passphrase: string) {
  await page.goto(`${baseUrl}/console/sign-in`);
  await page.getByLabel("E-mail address").fill(EMAIL);
  await page.getByLabel("Password").fill(passphrase);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Two-step sign-in: a recovery code (the test authenticator's secret is nobody's).
  await page.waitForURL(/\/console\/sign-in\/second-step/);
  await page.locator("#second-step-code").fill(recoveryCodes.shift()!);
  await page.locator("#second-step-code").press("Enter");
  await page.waitForURL((url) => !url.pathname.startsWith("/console/sign-in"));
}

beforeAll(async () => {
  const user = await prisma.staffUser.create({ data: { email: EMAIL, name: "Sam Journey", role: "HELP_DESK", passwordHash: await hashSecret(PASSPHRASES[0]) } });
  staffUserId = user.id;
  await prisma.staffTotp.create({ data: { staffUserId, secretEnc: "test-authenticator-nobody-can-use", confirmedAt: new Date() } });
  recoveryCodes = await prisma.$transaction((tx) => replaceRecoveryCodes(tx, staffUserId));
  browser = await launchBrowser();
  context = await browser.newContext();
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await prisma.$disconnect();
});

describe("staff self-service journeys", () => {
  it("1. registers a mobile phone and an alternate e-mail, each confirmed by a code", { timeout: 120_000 }, async () => {
    await signIn(PASSPHRASES[0]);
    await page.getByRole("heading", { name: "Don't lose access to your account" }).waitFor();
    let after = await lastSmsId();
    await page.getByLabel("Mobile number").fill(PHONE_TYPED);
    await page.getByRole("button", { name: "Send a code" }).first().click();
    await page.getByLabel("Code sent to +1 ••• ••• ••77").fill(await smsCode(after));
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.getByTestId("method-mobile-phone-status").getByText("Registered: +1 ••• ••• ••77").waitFor();
    after = await lastMailId();
    await page.getByRole("textbox", { name: "Alternate e-mail" }).fill(ALT);
    await page.getByRole("button", { name: "Send a code" }).nth(1).click();
    await page.getByLabel(/Code sent to s\*\*\*@personal\.example\.com/).fill(await mailCode(after));
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.getByTestId("method-alternate-e-mail-status").getByText("Registered: s***@personal.example.com").waitFor();
    await page.getByRole("link", { name: "Continue to the console" }).click();
    await page.waitForURL(/\/console\/parents/);
  });

  it("2. changes the passphrase with a code texted to the phone", { timeout: 120_000 }, async () => {
    await page.goto(`${baseUrl}/console/account`);
    await page.getByLabel("Current passphrase").fill(PASSPHRASES[0]);
    await page.getByLabel("Text a code to +1 ••• ••• ••77").check();
    const after = await lastSmsId();
    await page.getByRole("button", { name: "Send me a code" }).click();
    await page.getByText("Code sent to +1 ••• ••• ••77.").waitFor();
    await page.getByLabel("Verification code").fill(await smsCode(after));
    await page.getByLabel("New passphrase", { exact: true }).fill(PASSPHRASES[1]);
    await page.getByLabel("New passphrase again").fill(PASSPHRASES[1]);
    await page.getByRole("button", { name: "Change passphrase" }).click();
    await page.getByText(/Passphrase changed\./).waitFor();
    expect(await verifySecret((await prisma.staffUser.findUniqueOrThrow({ where: { id: staffUserId } })).passwordHash, PASSPHRASES[1])).toBe(true);
  });

  it("3. gets back in: CAPTCHA, a texted code, a recovery code, a new passphrase; nobody signed in", { timeout: 180_000 }, async () => {
    await context.clearCookies();
    await page.goto(`${baseUrl}/console/sign-in`);
    await page.getByRole("link", { name: /Forgot your passphrase/ }).click();
    await page.getByRole("heading", { name: "Get back into your account" }).waitFor();
    await page.getByLabel("User ID").fill(EMAIL);
    await page.getByLabel("I forgot my passphrase").check();
    // The proof of work runs in the browser; its payload lands in the hidden "altcha" input.
    // (its styled box sits over the native checkbox, so the click goes to the checkbox itself;
    // the widget ticks it only once the work is done)
    await page.locator("altcha-widget").getByRole("checkbox").click({ force: true });
    await expect.poll(() => page.locator('input[name="altcha"]').inputValue(), { timeout: 60_000 }).not.toBe("");
    await page.getByRole("button", { name: "Next" }).click();
    await page.waitForURL(/\/console\/forgot-passphrase\/verify/);
    await page.getByText("Verification step 1 of 2").waitFor();
    // No hint of what is registered before step 1.
    expect(await page.content()).not.toContain("••77");

    await page.getByRole("link", { name: "Text my mobile phone" }).click();
    await page.getByLabel("Your mobile phone number").fill(PHONE_TYPED);
    const after = await lastSmsId();
    await page.getByRole("button", { name: "Text me a code" }).click();
    await page.getByText(/If that number is the one on record/).waitFor();
    await page.getByLabel("Code from the text message").fill(await smsCode(after));
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByText("Verification step 2 of 2").waitFor();
    // The person has two-step sign-in: step 2 must be the authenticator or a recovery code.
    expect(await page.getByRole("link", { name: "E-mail my alternate address" }).count()).toBe(0);
    await page.getByRole("link", { name: "Enter a recovery code" }).click();
    await page.getByLabel("One of your recovery codes").fill(recoveryCodes.shift()!);
    await page.getByRole("button", { name: "Verify" }).click();

    await page.getByRole("heading", { name: "Choose a new passphrase" }).waitFor();
    await page.getByLabel("New passphrase", { exact: true }).fill(PASSPHRASES[2]);
    await page.getByLabel("Repeat the new passphrase").fill(PASSPHRASES[2]);
    await page.getByRole("button", { name: "Set new passphrase" }).click();
    await page.getByRole("heading", { name: "Your passphrase was changed" }).waitFor();
    // Nobody was signed in, and every session of the person ended.
    expect(await prisma.authSession.count({ where: { staffUserId } })).toBe(0);
    await page.goto(`${baseUrl}/console/parents`);
    await page.waitForURL(/\/console\/sign-in/);
    expect(await prisma.emailOutbox.count({ where: { toAddress: ALT, template: "staff-security-notice" } })).toBeGreaterThan(0);

    // The old passphrase is refused; the new one (and a second step) opens the console.
    await page.getByLabel("E-mail address").fill(EMAIL);
    await page.getByLabel("Password").fill(PASSPHRASES[1]);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").waitFor();
    expect(page.url()).not.toContain("second-step");
    await signIn(PASSPHRASES[2]);
    expect(page.url()).toContain("/console");
  });
});
