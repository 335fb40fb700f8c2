// Every form that carries a secret, submitted in a browser with JavaScript off (as when Enter
// is pressed before a slow phone has loaded the page's scripts): the secret goes in a POST
// body and never into any URL the page requests or ends on (history, proxies, server logs).
// The sign-in forms work without JavaScript; the others fail safely (nothing changes).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";
import { securityCodeIn } from "../helpers/recovery-helpers";

process.env.DATABASE_URL = inject("e2eDatabaseUrl");
const baseUrl = inject("e2eBaseUrl");

const { prisma } = await import("@/lib/db");
const { hashSecret, verifySecret } = await import("@/lib/security/password-hash");

const PARENT = { username: "nojs.parent", password: "a parent password 4821", email: "nojs.parent@example.com" };
const ADMIN = { email: "nojs.admin@riverside.example.org", password: "site admin passphrase for nojs" };
let browser: Browser;
let studentNumber: string;

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

async function waitForMail(to: string, subjectPart: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const mail = await prisma.devMailMessage.findFirst({ where: { toAddress: { contains: to }, subject: { contains: subjectPart } }, orderBy: { id: "desc" } });
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
  await prisma.staffUser.create({ data: { email: ADMIN.email, name: "Nora Admin", role: "SITE_ADMIN", passwordHash: await hashSecret(ADMIN.password) } });
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

  it("staff sign-in posts and signs in, then the new staff member's passphrase does not reach a URL either", async () => {
    const { context, page, urls } = await noScriptPage();
    await page.goto(`${baseUrl}/console/sign-in?callbackUrl=%2Fconsole%2Fstaff`);
    await page.getByLabel("E-mail address").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByLabel("Password").press("Enter");
    await page.waitForLoadState("load");
    expectNoSecretIn(urls, page, [ADMIN.password]);
    await page.waitForURL(/\/console\/staff$/);

    // "Add staff member" needs its scripts: without them it only posts back to the page.
    const passphrase = "initial passphrase never in a url";
    await page.locator('input[name="email"]').fill("nojs.new@riverside.example.org");
    await page.locator('input[name="name"]').fill("New Person");
    await page.locator('input[name="passphrase"]').fill(passphrase);
    await page.locator('input[name="passphrase"]').press("Enter");
    await page.waitForLoadState("load");
    expect(new URL(page.url()).pathname).toBe("/console/staff");
    expectNoSecretIn(urls, page, [ADMIN.password, passphrase]);
    await expect(prisma.staffUser.count({ where: { email: "nojs.new@riverside.example.org" } })).resolves.toBe(0);
    await context.close();
  });

  it("change password posts and changes nothing without its scripts", async () => {
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
    await page.locator("#currentPassword").fill(PARENT.password);
    await page.locator("#newPassword").fill("brand new password 9134");
    await page.locator("#confirmPassword").fill("brand new password 9134");
    await page.locator("#confirmPassword").press("Enter");
    await page.waitForLoadState("load");
    expect(new URL(page.url()).pathname).toBe("/change-password");
    expectNoSecretIn(urls, page, [PARENT.password, "brand new password 9134"]);
    const account = await prisma.parentAccount.findUniqueOrThrow({ where: { usernameKey: PARENT.username } });
    expect(await verifySecret(account.passwordHash!, PARENT.password)).toBe(true);
    await context.close();
  });

  it("forgot password: the security code and the new password post", async () => {
    // Steps the scripts run (they set the flow cookie), then the same cookies without scripts.
    const scripted = await browser.newContext({ locale: "en-US" });
    const step = await scripted.newPage();
    await step.goto(`${baseUrl}/forgot-password`);
    await step.locator("#username").fill(PARENT.username);
    await step.getByRole("button", { name: "Next" }).click();
    await step.waitForURL(/\/forgot-password\/code$/);
    const code = securityCodeIn((await waitForMail(PARENT.email, "Reset your")).textBody);

    const atCode = await noScriptPage(await scripted.storageState());
    await atCode.page.goto(`${baseUrl}/forgot-password/code`);
    await atCode.page.locator("#code").fill(code);
    await atCode.page.locator("#code").press("Enter");
    await atCode.page.waitForLoadState("load");
    expectNoSecretIn(atCode.urls, atCode.page, [code]);
    await atCode.context.close();

    await step.locator("#code").fill(code);
    await step.getByRole("button", { name: "Next" }).click();
    await step.waitForURL(/\/forgot-password\/new-password$/);
    const atPassword = await noScriptPage(await scripted.storageState());
    await atPassword.page.goto(`${baseUrl}/forgot-password/new-password`);
    await atPassword.page.locator("#password").fill("recovered password 5567");
    await atPassword.page.locator("#passwordConfirm").fill("recovered password 5567");
    await atPassword.page.locator("#passwordConfirm").press("Enter");
    await atPassword.page.waitForLoadState("load");
    expectNoSecretIn(atPassword.urls, atPassword.page, ["recovered password 5567"]);
    await atPassword.context.close();
    await scripted.close();
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
