// Every form that carries a secret, submitted in a browser with JavaScript off (as when Enter
// is pressed before a slow phone has loaded the page's scripts): the secret goes in a POST
// body and never into any URL the page requests or ends on (history, proxies, server logs).
// Sign-in, change password, forgot password and the staff passphrase forms (change your own,
// choose one through a setup link) work without JavaScript; the others fail safely (the post
// only reloads the page; nothing changes).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eBaseUrl, e2eDatabaseUrl } from "../helpers/e2e-server";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";
import { securityCodeIn } from "../helpers/recovery-helpers";
import { registeredSecurityInfo } from "../helpers/staff-security-info";
import { passSecondStepInBrowser, secondFactorFor } from "../helpers/staff-second-factor";

process.env.DATABASE_URL = e2eDatabaseUrl();
const baseUrl = e2eBaseUrl();

const { prisma } = await import("@/lib/db");
const { hashSecret, verifySecret } = await import("@/lib/security/password-hash");
const { issueStaffSetupLink } = await import("@/lib/staff-auth/issue-staff-setup-link");

const PARENT = { username: "nojs.parent", password: "a parent password 4821", email: "nojs.parent@example.com" };
const ADMIN = { email: "nojs.admin@riverside.example.org", password: "site admin passphrase for nojs" };
const ADMIN_CHANGED = "site admin changed passphrase without scripts";
const CHANGED = "brand new password 9134";
const RECOVERED = "recovered password 5567";
let browser: Browser;
let studentNumber: string;

const parentAccount = () => prisma.parentAccount.findUniqueOrThrow({ where: { usernameKey: PARENT.username } });

/** Every URL the page requested or navigated to, for a leak check at the end. */
function recordUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  page.on("framenavigated", (frame) => urls.push(frame.url()));
  return urls;
}

function expectNoSecretIn(urls: string[], page: Page, secrets: string[]) {
  const all = [...urls, page.url()];
  expect(all.length).toBeGreaterThan(1);
  for (const secret of secrets) {
    const forms = [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)];
    const leaking = all.filter((url) => forms.some((form) => url.includes(form)));
    expect(leaking, `"${secret}" reached a URL`).toEqual([]);
  }
}

async function noScriptPage(storageState?: Awaited<ReturnType<BrowserContext["storageState"]>>) {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-US", storageState });
  const page = await context.newPage();
  return { context, page, urls: recordUrls(page) };
}

async function waitForMail(to: string, subjectPart: string, since: Date) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const mail = await prisma.devMailMessage.findFirst({
      where: { toAddress: { contains: to }, subject: { contains: subjectPart }, receivedAt: { gte: since } },
      orderBy: { id: "desc" },
    });
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no mail "${subjectPart}" to ${to}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  const school = await createSchool(prisma, "No Script Elementary");
  const created = await createParentWithChild(prisma, school.id, {
    firstName: "Noemí",
    lastName: "Scriptless",
    email: PARENT.email,
    account: { username: PARENT.username, passwordHash: await hashSecret(PARENT.password) },
  });
  studentNumber = created.student.studentNumber;
  await prisma.staffUser.create({ data: { email: ADMIN.email, name: "Nora Admin", role: "SITE_ADMIN", passwordHash: await hashSecret(ADMIN.password), securityInfo: { create: registeredSecurityInfo() } } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

describe("forms carrying a secret, with JavaScript off", () => {
  it("parent sign-in posts: a wrong password is refused on the page, the right one signs in", async () => {
    const { context, page, urls } = await noScriptPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.locator("#username").fill(PARENT.username);
    await page.locator("#password").fill("not the password 77");
    await page.locator("#password").press("Enter");
    await page.waitForLoadState("load");
    expectNoSecretIn(urls, page, ["not the password 77"]);
    await page.getByText("The username or password is incorrect.").waitFor();
    expect(new URL(page.url()).pathname).toBe("/sign-in");

    await page.locator("#username").fill(PARENT.username);
    await page.locator("#password").fill(PARENT.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/home$/);
    expectNoSecretIn(urls, page, [PARENT.password, "not the password 77"]);
    await context.close();
  });

  it("staff sign-in posts and signs in; change your passphrase posts and works; Add staff member fails safely", async () => {
    const { context, page, urls } = await noScriptPage();
    const secondFactor = await secondFactorFor(ADMIN.email);
    await page.goto(`${baseUrl}/console/sign-in?callbackUrl=%2Fconsole%2Fstaff`);
    await page.getByLabel("E-mail address").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByLabel("Password").press("Enter");
    await page.waitForLoadState("load");
    expectNoSecretIn(urls, page, [ADMIN.password]);
    // The second step posts without scripts too (a recovery code in the code field).
    await passSecondStepInBrowser(page, secondFactor);
    await page.waitForURL(/\/console\/staff$/);

    // "Add staff member" (no secret: the new member chooses a passphrase through a mailed
    // link) needs its scripts: without them it only posts back to the page, creating nobody.
    await page.locator('input[name="email"]').fill("nojs.new@riverside.example.org");
    await page.locator('input[name="name"]').fill("New Person");
    await page.locator('input[name="name"]').press("Enter");
    await page.waitForLoadState("load");
    expect(new URL(page.url()).pathname).toBe("/console/staff");
    await expect(prisma.staffUser.count({ where: { email: "nojs.new@riverside.example.org" } })).resolves.toBe(0);

    // Change your passphrase: a wrong current one is refused on the page, the right one changes it.
    await page.goto(`${baseUrl}/console/account`);
    await page.getByLabel("Current passphrase").fill("not my current passphrase at all");
    await page.getByLabel("Verification code").fill("000000"); // checked last
    await page.getByLabel("New passphrase", { exact: true }).fill(ADMIN_CHANGED);
    await page.getByLabel("New passphrase again").fill(ADMIN_CHANGED);
    await page.getByLabel("New passphrase again").press("Enter");
    await page.waitForLoadState("load");
    await page.getByText("That is not your current passphrase.").waitFor();
    // The verification code (issue 9, item 4): asking for it by e-mail needs the scripts, so a
    // scripted page of the same session asks; the change itself posts without them.
    const scripted = await browser.newContext();
    await scripted.addCookies(await context.cookies());
    const asking = await scripted.newPage();
    await asking.goto(`${baseUrl}/console/account`);
    const altEmail = (await prisma.staffSecurityInfo.findFirstOrThrow({ where: { staffUser: { email: ADMIN.email } } })).altEmail!;
    const before = (await prisma.devMailMessage.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0;
    await asking.getByLabel(/E-mail a code to/).check();
    await asking.getByRole("button", { name: "Send me a code" }).click();
    let code: string | undefined;
    await expect
      .poll(async () => (code = (await prisma.devMailMessage.findFirst({ where: { toAddress: { contains: altEmail }, id: { gt: before } }, orderBy: { id: "desc" } }))?.textBody.match(/\b\d{6}\b/)?.[0]), { timeout: 20_000 })
      .toBeDefined();
    await scripted.close();
    await page.getByLabel("Current passphrase").fill(ADMIN.password);
    await page.getByLabel(/E-mail a code to/).check();
    await page.getByLabel("Verification code").fill(code!);
    await page.getByLabel("New passphrase", { exact: true }).fill(ADMIN_CHANGED);
    await page.getByLabel("New passphrase again").fill(ADMIN_CHANGED);
    await page.getByRole("button", { name: "Change passphrase" }).click();
    await page.waitForLoadState("load");
    // Two hashes and a code check on a busy machine: allow a minute, and say what the page shows if not.
    await page
      .getByText("Passphrase changed.", { exact: false })
      .waitFor({ timeout: 60_000 })
      .catch(async (error: unknown) => {
        throw new Error(`no "Passphrase changed." after the post; the page says: ${(await page.locator("main").innerText()).slice(0, 400)}`, { cause: error });
      });
    expectNoSecretIn(urls, page, [ADMIN.password, "not my current passphrase at all", ADMIN_CHANGED]);
    expect(await verifySecret((await prisma.staffUser.findUniqueOrThrow({ where: { email: ADMIN.email } })).passwordHash, ADMIN_CHANGED)).toBe(true);
    await context.close();
  });

  it("a setup link's form posts and sets the passphrase without scripts", async () => {
    const email = "nojs.setup@riverside.example.org";
    const chosen = "passphrase chosen without any scripts";
    const staff = await prisma.staffUser.create({ data: { email, name: "Nils Setup", role: "HELP_DESK", passwordHash: null, securityInfo: { create: registeredSecurityInfo() } } });
    const { token } = await prisma.$transaction((tx) => issueStaffSetupLink(tx, staff.id, "NEW_ACCOUNT"));
    const { context, page, urls } = await noScriptPage();
    await page.goto(`${baseUrl}/console/set-passphrase?token=${encodeURIComponent(token)}`);
    await page.getByLabel("New passphrase").fill(chosen);
    await page.getByLabel("Repeat the passphrase").fill("a different passphrase typed here");
    await page.getByLabel("Repeat the passphrase").press("Enter");
    await page.waitForLoadState("load");
    await page.getByText("The two passphrases do not match.").waitFor();
    expect((await prisma.staffUser.findUniqueOrThrow({ where: { id: staff.id } })).passwordHash).toBeNull();

    await page.getByLabel("New passphrase").fill(chosen);
    await page.getByLabel("Repeat the passphrase").fill(chosen);
    await page.getByRole("button", { name: "Set passphrase" }).click();
    await page.waitForURL(/\/console\/set-passphrase\/done$/);
    expectNoSecretIn(urls, page, [chosen, "a different passphrase typed here"]);
    expect(await verifySecret((await prisma.staffUser.findUniqueOrThrow({ where: { id: staff.id } })).passwordHash, chosen)).toBe(true);
    await context.close();
  });

  it("change password posts and works without its scripts", async () => {
    // Signed in with scripts (this form alone is under test), then the same session without them.
    const scripted = await browser.newContext({ locale: "en-US" });
    const signIn = await scripted.newPage();
    await signIn.goto(`${baseUrl}/sign-in`);
    await signIn.locator("#username").fill(PARENT.username);
    await signIn.locator("#password").fill(PARENT.password);
    await signIn.getByRole("button", { name: "Sign in" }).click();
    await signIn.waitForURL(/\/home$/);
    const { context, page, urls } = await noScriptPage(await scripted.storageState());
    await scripted.close();

    await page.goto(`${baseUrl}/change-password`);
    await page.locator("#currentPassword").fill("a wrong current password 1");
    await page.locator("#newPassword").fill(CHANGED);
    await page.locator("#confirmPassword").fill(CHANGED);
    await page.locator("#confirmPassword").press("Enter");
    await page.waitForLoadState("load");
    expectNoSecretIn(urls, page, ["a wrong current password 1", CHANGED]);
    await page.getByText("Your current password is not correct.").waitFor();

    await page.locator("#currentPassword").fill(PARENT.password);
    await page.locator("#newPassword").fill(CHANGED);
    await page.locator("#confirmPassword").fill(CHANGED);
    await page.locator("#confirmPassword").press("Enter");
    await page.waitForURL(/\/home\?passwordSaved=1$/);
    expectNoSecretIn(urls, page, [PARENT.password, CHANGED]);
    expect(await verifySecret((await parentAccount()).passwordHash!, CHANGED)).toBe(true);
    await context.close();
  });

  it("forgot password works without scripts: username, security code and new password all post", async () => {
    const { context, page, urls } = await noScriptPage();
    const requested = new Date(Date.now() - 1_000);
    await page.goto(`${baseUrl}/forgot-password`);
    await page.locator("#username").fill(PARENT.username);
    await page.locator("#username").press("Enter");
    await page.waitForLoadState("load");
    expectNoSecretIn(urls, page, [PARENT.username]);
    await page.waitForURL(/\/forgot-password\/code$/);
    const code = securityCodeIn((await waitForMail(PARENT.email, "Reset your", requested)).textBody);

    await page.locator("#code").fill(code);
    await page.locator("#code").press("Enter");
    await page.waitForLoadState("load");
    expectNoSecretIn(urls, page, [code]);
    await page.waitForURL(/\/forgot-password\/new-password$/);

    await page.locator("#password").fill(RECOVERED);
    await page.locator("#passwordConfirm").fill(RECOVERED);
    await page.locator("#passwordConfirm").press("Enter");
    await page.waitForLoadState("load");
    expectNoSecretIn(urls, page, [code, RECOVERED]);
    await page.waitForURL(/\/forgot-password\/done$/);
    expect(await verifySecret((await parentAccount()).passwordHash!, RECOVERED)).toBe(true);
    await context.close();
  });

  it("create account, resend and forgot username post the student ID, names and address", async () => {
    const { context, page, urls } = await noScriptPage();
    await page.goto(`${baseUrl}/create-account`);
    await page.locator("#username").fill("nojs.newparent");
    await page.locator('input[name="studentId"]').first().fill(studentNumber);
    await page.locator("#firstName").fill("Noemí");
    await page.locator("#lastName").fill("Scriptless");
    await page.locator("#lastName").press("Enter");
    await page.waitForLoadState("load");
    await page.locator("#resend-studentId").fill(studentNumber);
    await page.locator("#resend-firstName").fill("Noemí");
    await page.locator("#resend-lastName").fill("Scriptless");
    await page.locator("#resend-lastName").press("Enter");
    await page.waitForLoadState("load");
    await page.goto(`${baseUrl}/forgot-username`);
    await page.locator("#email").fill(PARENT.email);
    await page.locator("#emailConfirm").fill(PARENT.email);
    await page.locator("#emailConfirm").press("Enter");
    await page.waitForLoadState("load");
    expectNoSecretIn(urls, page, [studentNumber, "Scriptless", PARENT.email]);
    await context.close();
  });
});
