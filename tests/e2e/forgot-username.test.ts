// Forgot Username in a real browser, in Arabic (right to left): the two addresses must match,
// an address shared by two accounts gets one mail (Arabic first) with both usernames, and an
// unknown address gets the very same confirmation and no mail. Mail is read from the app's
// built-in receiver (DevMailMessage).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eBaseUrl, e2eDatabaseUrl } from "../helpers/e2e-server";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser";
import arForgot from "@/messages/ar/ForgotUsername.json";
import arValidation from "@/messages/ar/Validation.json";

process.env.DATABASE_URL = e2eDatabaseUrl();
const baseUrl = e2eBaseUrl();

const { prisma } = await import("@/lib/db");
const { LOCALE_NAMES } = await import("@/lib/i18n/locales");
const { forgotUsername } = await import("@/lib/mail/templates/forgot-username");

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const confirmation = arForgot.sentTitle + arForgot.sent + arForgot.spamHint;
let browser: Browser;

/** Two active accounts (Arabic-speaking contacts) and one awaiting re-registration on one address. */
async function sharedAddress(tag: string) {
  const email = `fu-${tag}-${run}@example.com`;
  const usernames = [`${tag}.${run}.a`, `${tag}.${run}.b`, `${tag}.${run}.reset`];
  for (const [index, username] of usernames.entries()) {
    const contact = await prisma.contact.create({ data: { firstName: "مريم", lastName: `${tag}${index}`, email, preferredLocale: "ar" } });
    const status = index === 2 ? "RESET" : "ACTIVE";
    await prisma.parentAccount.create({ data: { contactId: contact.id, username, usernameKey: username, status, passwordHash: "$argon2id$placeholder" } });
  }
  return { email, active: usernames.slice(0, 2), reset: usernames[2]! };
}

async function openForm(): Promise<Page> {
  const context = await browser.newContext({ locale: "ar", extraHTTPHeaders: { "Accept-Language": "ar,en;q=0.5" } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/forgot-username`);
  expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
  expect(await page.locator("html").getAttribute("lang")).toBe("ar");
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(arForgot.title);
  return page;
}

/** Types the address into both fields and sends the form. */
async function submit(page: Page, email: string, confirm = email): Promise<void> {
  await page.getByLabel(arForgot.emailLabel, { exact: true }).fill(email);
  await page.getByLabel(arForgot.emailConfirmLabel, { exact: true }).fill(confirm);
  await page.getByRole("button", { name: arForgot.submit, exact: true }).click();
}

async function confirmationText(page: Page): Promise<string> {
  await page.getByText(arForgot.sentTitle, { exact: true }).waitFor();
  return (await page.getByRole("status").textContent()) ?? "";
}

const mailsTo = (email: string) => prisma.devMailMessage.findMany({ where: { toAddress: { contains: email, mode: "insensitive" } } });

async function waitForMail(email: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [mail] = await mailsTo(email);
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no mail to ${email} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

describe("Forgot Username in Arabic", () => {
  it("says in Arabic that the two addresses differ", async () => {
    const page = await openForm();
    await submit(page, `fu-typo-${run}@example.com`, `fu-typo-${run}@example.co`);
    await page.getByText(arValidation.emailsDoNotMatch, { exact: true }).waitFor();
    expect(await page.getByLabel(arForgot.emailConfirmLabel, { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByText(arForgot.sentTitle).count()).toBe(0);
    await page.context().close();
  });

  it("mails both usernames of a shared address, Arabic section first", async () => {
    const family = await sharedAddress("pair");
    const page = await openForm();
    await submit(page, family.email, family.email.toUpperCase()); // the match ignores case
    expect(await confirmationText(page)).toBe(confirmation);
    await page.context().close();

    const mail = await waitForMail(family.email);
    const sections = mail.textBody.split("\n----\n");
    expect(sections[0]!.trimStart().startsWith(`${LOCALE_NAMES.ar}:`)).toBe(true);
    // The label comes from the template itself, not a guess at its Arabic.
    const district = { districtName: "", portalName: "", supportPhone: "", supportEmail: "", portalUrl: "" };
    const label = forgotUsername.render("ar", { usernames: family.active }, district).highlight!.label;
    expect(sections[0]).toContain(`${label}: ${family.active.join(", ")}`);
    expect(mail.textBody).not.toContain(family.reset);
    expect(await mailsTo(family.email)).toHaveLength(1);
  });

  it("answers an unknown address with the same confirmation and mails nothing to it", async () => {
    const unknown = `fu-nobody-${run}@example.com`;
    const first = await openForm();
    await submit(first, unknown);
    const unknownText = await confirmationText(first);
    await first.context().close();

    // A known address submitted afterwards: once its mail is in, the unknown one would be too.
    const family = await sharedAddress("later");
    const second = await openForm();
    await submit(second, family.email);
    const knownText = await confirmationText(second);
    await second.context().close();
    expect(unknownText).toBe(knownText);
    expect(unknownText).toBe(confirmation);

    await waitForMail(family.email);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await mailsTo(unknown)).toHaveLength(0);
    expect(await prisma.emailOutbox.count({ where: { toAddress: { contains: unknown, mode: "insensitive" } } })).toBe(0);
  });
});
