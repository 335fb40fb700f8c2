// A help-desk agent resets a login and must say how the caller was verified, then follows
// it up: the console home counts it, the pending page lists it, resends the notice once (not
// twice within 24 hours) and exports it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eBaseUrl, e2eDatabaseUrl } from "../helpers/e2e-server";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../helpers/browser";
import { registeredSecurityInfo } from "../helpers/staff-security-info";
import { passSecondStepInBrowser, secondFactorFor } from "../helpers/staff-second-factor";

process.env.DATABASE_URL = e2eDatabaseUrl();
const baseUrl = e2eBaseUrl();

const { prisma } = await import("@/lib/db");
const { hashSecret } = await import("@/lib/security/password-hash");
const { parentSearchKey } = await import("@/lib/text/fold-name");

const DESK = { email: "followup-desk@riverside.example.org", password: "follow up passphrase 2024" };
let browser: Browser;
let schoolId: number;
let contactId: number;

beforeAll(async () => {
  await prisma.staffUser.create({ data: { email: DESK.email, name: "Flo Desk", role: "HELP_DESK", passwordHash: await hashSecret(DESK.password), securityInfo: { create: registeredSecurityInfo() } } });
  schoolId = (await prisma.school.create({ data: { code: "E2E-FOLLOW", name: "Follow-up Middle" } })).id;
  const student = await prisma.student.create({ data: { studentNumber: "E2E-F1", firstName: "Nico", lastName: "Quillfeather", grade: "6", schoolId } });
  const contact = await prisma.contact.create({ data: { firstName: "Petra", lastName: "Quillfeather", email: "petra.q@example.com", preferredLocale: "en" } });
  contactId = contact.id;
  await prisma.parentAccount.create({ data: { contactId, username: "petra.q", usernameKey: "petra.q", passwordHash: "$argon2id$unused" } });
  await prisma.studentContact.create({ data: { studentId: student.id, contactId, relationship: "Mother", parentKey: parentSearchKey("Quillfeather", "Petra") } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

describe("reset follow-up journey", () => {
  it("records the caller verification, then shows the reset on the home and the pending page, resends once and exports", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/console/sign-in?callbackUrl=${encodeURIComponent("/console/parents?q=quillfeather")}`);
    await page.getByLabel("E-mail address").fill(DESK.email);
    await page.getByLabel("Password").fill(DESK.password);
    const secondFactor = await secondFactorFor(DESK.email);
    await page.getByRole("button", { name: "Sign in" }).click();
    await passSecondStepInBrowser(page, secondFactor);
    await page.waitForURL(/\/console\/parents/);

    await page.getByRole("checkbox", { name: "Select Quillfeather, Petra for Nico Quillfeather" }).check();
    await page.getByRole("button", { name: "Reset Selected" }).click();
    const dialog = page.getByRole("dialog", { name: "Reset parent logins" });
    const confirm = dialog.getByRole("button", { name: "Reset 1 row" });
    await dialog.getByText("How was the caller verified? (required)").waitFor();
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByRole("checkbox", { name: "In person with photo ID" }).check();
    await dialog.getByLabel("Ticket number (optional)").fill("INC-77");
    await confirm.click();
    await page.getByText("Reset 1 parent login").waitFor();
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "parent.reset", actorLabel: DESK.email } });
    expect((event.details as Record<string, unknown>).verification).toEqual({ methods: ["In person with photo ID"], ticket: "INC-77" });

    // The home: one click from the grid, counts the pending login and the reset of today.
    await page.getByRole("link", { name: "Home" }).click();
    await page.getByRole("heading", { name: "Home" }).waitFor();
    expect(Number((await page.getByTestId("stat-pending").locator("dd").first().textContent())!.replace(/,/g, ""))).toBeGreaterThanOrEqual(1);
    const today = new Date().toISOString().slice(0, 10);
    await page.getByText("Show the numbers as a table").click();
    const todayRow = page.getByTestId("reset-activity-table").getByRole("row", { name: new RegExp(`^${today}`) });
    expect(Number(await todayRow.locator("td").first().textContent())).toBeGreaterThanOrEqual(1);
    await page.getByRole("img", { name: "Logins reset and re-registered per day, last 30 days" }).waitFor();

    // The pending page, narrowed to the school: lists Petra, counts her school, resends once.
    await page.goto(`${baseUrl}/console/pending?school=${schoolId}`);
    await page.getByRole("heading", { name: "Pending re-registration" }).waitFor();
    await expect(page.getByTestId("pending-total").textContent()).resolves.toBe("1 parent waiting");
    await page.getByTestId("pending-by-school").getByRole("row", { name: "Follow-up Middle 1" }).waitFor();
    const row = page.getByTestId("pending-row").filter({ hasText: "Petra Quillfeather" });
    await row.getByText(DESK.email).waitFor();
    await page.getByRole("button", { name: "Resend the notice to Petra Quillfeather" }).click();
    await page.getByText("Notice queued for 1 parent.").waitFor();
    await page.getByRole("button", { name: "Resend the notice to Petra Quillfeather" }).click();
    await page.getByText("No notice was sent. 1 parent was already sent one in the last 24 hours.").waitFor();
    expect(await prisma.emailOutbox.count({ where: { toAddress: "petra.q@example.com", template: "login-reset-notice" } })).toBe(2);
    expect(await prisma.auditEvent.count({ where: { action: "parent.reset-notice.resend", actorLabel: DESK.email } })).toBe(2);

    const exported = await context.request.get(`${baseUrl}/api/console/pending/export?school=${schoolId}`);
    expect(exported.status()).toBe(200);
    const csv = await exported.text();
    expect(csv).toContain(`Petra Quillfeather,${contactId},petra.q,petra.q@example.com,Follow-up Middle,`);
    await context.close();
  });
});
