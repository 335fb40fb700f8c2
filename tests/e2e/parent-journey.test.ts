// A parent whose login staff reset gets back in alone, in a real browser: create account,
// temporary password from the mail (the built-in receiver's DevMailMessage table), forced
// password change, home with the children. Once in English and once in Arabic (RTL).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eBaseUrl, e2eDatabaseUrl } from "../helpers/e2e-server";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser";
import { resetSelfServiceAddressLimits } from "../helpers/shared-server-limits";
import { registeredSecurityInfo } from "../helpers/staff-security-info";

process.env.DATABASE_URL = e2eDatabaseUrl();
const baseUrl = e2eBaseUrl();

const { prisma } = await import("@/lib/db");
const { hashSecret } = await import("@/lib/security/password-hash");
const { parentSearchKey } = await import("@/lib/text/fold-name");
const { resetParentLogins } = await import("@/lib/parents/reset-parent-logins");

let browser: Browser;
let staffUserId: number;
let schoolId: number;

interface Family {
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  studentNumbers: string[];
}

/** A parent with an active login and two children, then reset by staff through the domain module. */
async function resetFamily(tag: string, parent: { firstName: string; lastName: string; locale: "en" | "ar" }, kids: string[]): Promise<Family> {
  const email = `${tag}@example.com`;
  const contact = await prisma.contact.create({
    data: { firstName: parent.firstName, lastName: parent.lastName, email, preferredLocale: parent.locale },
  });
  await prisma.parentAccount.create({
    data: { contactId: contact.id, username: tag, usernameKey: tag, passwordHash: await hashSecret("old password 99") },
  });
  const studentNumbers: string[] = [];
  const linkIds: number[] = [];
  for (const [index, kid] of kids.entries()) {
    const studentNumber = `${tag.replace(/\W/g, "").toUpperCase()}-${index + 1}`;
    const student = await prisma.student.create({ data: { studentNumber, firstName: kid, lastName: parent.lastName, grade: String(3 + index), schoolId } });
    const link = await prisma.studentContact.create({
      data: { studentId: student.id, contactId: contact.id, relationship: "Mother", parentKey: parentSearchKey(parent.lastName, parent.firstName) },
    });
    studentNumbers.push(studentNumber);
    linkIds.push(link.id);
  }
  await resetParentLogins({ linkIds, actor: { staffUserId, label: "desk@riverside.example.org", ip: null } });
  return { username: tag, email, firstName: parent.firstName, lastName: parent.lastName, studentNumbers };
}

/** Waits for the temporary-password mail in the Dev inbox and reads the password from its English section. */
async function temporaryPasswordFor(email: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const mails = await prisma.devMailMessage.findMany({ where: { toAddress: { contains: email } }, orderBy: { id: "desc" } });
    for (const mail of mails) {
      const match = /^Temporary password: (\S+)$/m.exec(mail.textBody);
      if (match) return match[1]!;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no temporary-password mail for ${email}`);
}

async function fillRegistration(page: Page, family: Family, firstName = family.firstName) {
  await page.locator("#username").fill(family.username);
  await page.locator('input[name="studentId"]').first().fill(family.studentNumbers[0]!);
  await page.locator("#firstName").fill(firstName);
  await page.locator("#lastName").fill(family.lastName.toUpperCase()); // case does not matter
}

beforeAll(async () => {
  staffUserId = (await prisma.staffUser.create({ data: { email: "desk@riverside.example.org", name: "Desk", role: "HELP_DESK", passwordHash: "x", securityInfo: { create: registeredSecurityInfo() } } })).id;
  schoolId = (await prisma.school.create({ data: { code: "E2E-PJ", name: "Jefferson Elementary" } })).id;
  // Earlier files registered from the same loopback address (this file makes 4 attempts).
  await resetSelfServiceAddressLimits(prisma);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

describe("parent journey after a reset", () => {
  it("in English: register two children, temporary password, forced change, home, student account", async () => {
    const family = await resetFamily("lucia.e2e", { firstName: "Lucía", lastName: "Fernández", locale: "en" }, ["Mateo", "Sofía"]);
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    expect(await page.locator("html").getAttribute("dir")).toBe("ltr");
    await page.getByRole("link", { name: "Create a new account" }).click();
    await page.waitForURL(/\/create-account/);

    // A wrong name gets the one generic answer (a missing accent would not be wrong).
    await fillRegistration(page, family, "Lucinda");
    await page.getByRole("button", { name: "Add another child" }).click();
    await page.locator('input[name="studentId"]').nth(1).fill(family.studentNumbers[1]!);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("We could not verify these details.").waitFor();

    await page.locator("#firstName").fill(" lucía ");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("Check your email").waitFor();
    await expect(page.getByText("l***@example.com").count()).resolves.toBe(1);
    const temporary = await temporaryPasswordFor(family.email);
    expect(await page.content()).not.toContain(temporary);

    await page.getByRole("link", { name: "Go to sign in" }).click();
    await page.locator("#username").fill(family.username);
    await page.locator("#password").fill(temporary);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/change-password/);
    await page.getByRole("heading", { name: "Choose your password" }).waitFor();
    // Nothing else opens until the password is chosen.
    await page.goto(`${baseUrl}/home`);
    expect(new URL(page.url()).pathname).toBe("/change-password");

    await page.locator("#newPassword").fill("password1");
    await page.locator("#confirmPassword").fill("password1");
    await page.getByRole("button", { name: "Save password" }).click();
    await page.getByText("This password is too common and easy to guess.").waitFor();
    await page.locator("#newPassword").fill("orange canoe at dawn");
    await page.locator("#confirmPassword").fill("orange canoe at dusk");
    await page.getByRole("button", { name: "Save password" }).click();
    await page.getByText("The two passwords do not match.").waitFor();
    await page.locator("#confirmPassword").fill("orange canoe at dawn");
    await page.getByRole("button", { name: "Save password" }).click();

    await page.waitForURL(/\/home/);
    await page.getByRole("heading", { name: "Welcome, Lucía" }).waitFor();
    await page.getByText("Your password was saved.").waitFor();
    await page.getByText("Your login was reset, so any student accounts you created before must be created again.").waitFor();
    await page.getByText("Jefferson Elementary · Grade 3").waitFor();
    await page.getByRole("heading", { name: "Sofía Fernández" }).waitFor();

    await page.getByRole("button", { name: "Create student account" }).first().click();
    const form = page.getByRole("form", { name: "Student account for Mateo Fernández" });
    await form.getByLabel("Student username").fill("mateo.f");
    await form.getByLabel("Student password", { exact: true }).fill("green dinosaur 12");
    await form.getByLabel("Re-enter the student password").fill("green dinosaur 12");
    await form.getByRole("button", { name: "Create student account" }).click();
    await page.getByText("The student account mateo.f is ready.").waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in/);
    await page.locator("#username").fill(family.username);
    await page.locator("#password").fill("orange canoe at dawn");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/home/);
    const account = await prisma.parentAccount.findUniqueOrThrow({ where: { usernameKey: family.username } });
    expect(account.status).toBe("ACTIVE");
    await context.close();
  });

  it("a wrong password, then at once the right one on the same page (Enter as the error shows): signed in", async () => {
    const contact = await prisma.contact.create({ data: { firstName: "Rosa", lastName: "Retry", email: "rosa.retry@example.com", preferredLocale: "en" } });
    await prisma.parentAccount.create({ data: { contactId: contact.id, username: "rosa.retry", usernameKey: "rosa.retry", passwordHash: await hashSecret("right password 4417") } });
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.locator("#username").fill("rosa.retry");
    await page.locator("#password").fill("wrong password 4417");
    // The button's state in the very DOM update that shows the error: a button still disabled
    // then makes Enter do nothing, and the old "incorrect" reads as a refusal of the right password.
    const disabledAsShown = page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const observer = new MutationObserver(() => {
            if (!document.querySelector('[role="alert"]')?.textContent?.includes("incorrect")) return;
            observer.disconnect();
            resolve(document.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled);
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        }),
    );
    await page.locator("#password").press("Enter");
    expect(await disabledAsShown).toBe(false);
    await page.locator("#password").fill("right password 4417");
    await page.locator("#password").press("Enter");
    await page.waitForURL(/\/home$/, { timeout: 15_000 });
    await context.close();
  });

  it("in Arabic: right-to-left pages, translated text and errors, the same journey", async () => {
    const family = await resetFamily("fatima.e2e", { firstName: "فاطمة", lastName: "الحسن", locale: "ar" }, ["يوسف"]);
    const context = await browser.newContext({ locale: "ar", extraHTTPHeaders: { "Accept-Language": "ar,en;q=0.5" } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    expect(await page.locator("html").getAttribute("lang")).toBe("ar");
    await page.getByRole("heading", { name: "تسجيل الدخول" }).waitFor();

    await page.getByRole("link", { name: "إنشاء حساب جديد" }).click();
    await page.waitForURL(/\/create-account/);
    await page.getByRole("button", { name: "إنشاء الحساب" }).click();
    await page.getByText("هذا الحقل مطلوب.").first().waitFor(); // zod errors in Arabic
    await fillRegistration(page, family);
    await page.getByRole("button", { name: "إنشاء الحساب" }).click();
    await page.getByText("تحقق من بريدك الإلكتروني").waitFor();
    const temporary = await temporaryPasswordFor(family.email);
    const mail = await prisma.devMailMessage.findFirstOrThrow({ where: { toAddress: { contains: family.email }, subject: { contains: "كلمة المرور المؤقتة" } } });
    expect(mail.htmlBody).toContain('dir="rtl"');

    await page.getByRole("link", { name: "الانتقال إلى تسجيل الدخول" }).click();
    await page.locator("#username").fill(family.username);
    await page.locator("#password").fill("not the password");
    await page.getByRole("button", { name: "تسجيل الدخول" }).click();
    await page.getByText("اسم المستخدم أو كلمة المرور غير صحيحة.").waitFor();
    await page.locator("#password").fill(temporary);
    await page.getByRole("button", { name: "تسجيل الدخول" }).click();
    await page.waitForURL(/\/change-password/);
    await page.getByRole("heading", { name: "اختر كلمة المرور" }).waitFor();
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");

    await page.locator("#newPassword").fill("qwerty123");
    await page.locator("#confirmPassword").fill("qwerty123");
    await page.getByRole("button", { name: "حفظ كلمة المرور" }).click();
    await page.getByText("كلمة المرور هذه شائعة جدًا ويسهل تخمينها.").waitFor();
    await page.locator("#newPassword").fill("سماء زرقاء فوق البحر");
    await page.locator("#confirmPassword").fill("سماء زرقاء فوق البحر");
    await page.getByRole("button", { name: "حفظ كلمة المرور" }).click();

    await page.waitForURL(/\/home/);
    await page.getByRole("heading", { name: "مرحبًا، فاطمة" }).waitFor();
    await page.getByText("Jefferson Elementary · الصف 3").waitFor();
    await page.getByRole("button", { name: "إنشاء حساب طالب" }).waitFor();
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    const account = await prisma.parentAccount.findUniqueOrThrow({ where: { usernameKey: family.username } });
    expect(account.status).toBe("ACTIVE");
    await context.close();
  });
});
