// A site admin adds a staff member and edits district settings through the forms: field
// errors appear next to the field, nothing is saved until the input is valid, and each
// saved change is audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eBaseUrl, e2eDatabaseUrl } from "../helpers/e2e-server";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser";
import { registeredSecurityInfo } from "../helpers/staff-security-info";
import { passSecondStepInBrowser, secondFactorFor } from "../helpers/staff-second-factor";

process.env.DATABASE_URL = e2eDatabaseUrl();
const baseUrl = e2eBaseUrl();

const { prisma } = await import("@/lib/db");
const { hashSecret } = await import("@/lib/security/password-hash");

const ADMIN = { email: "forms-admin@riverside.example.org", password: "forms admin passphrase 2024" };
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await prisma.staffUser.create({ data: { email: ADMIN.email, name: "Forms Admin", role: "SITE_ADMIN", passwordHash: await hashSecret(ADMIN.password), securityInfo: { create: registeredSecurityInfo() } } });
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(`${baseUrl}/console/sign-in?callbackUrl=${encodeURIComponent("/console/staff")}`);
  await page.getByLabel("E-mail address").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  const secondFactor = await secondFactorFor(ADMIN.email);
  await page.getByRole("button", { name: "Sign in" }).click();
  await passSecondStepInBrowser(page, secondFactor);
  await page.waitForURL(/\/console\/staff/);
});

afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

describe("staff and settings forms", () => {
  it("adds a staff member after a field error (no passphrase: they get a setup link), then disables them", async () => {
    const email = "new-desk@riverside.example.org";
    await expect(page.getByLabel("Initial passphrase").count()).resolves.toBe(0);
    await page.getByLabel("Email", { exact: true }).fill("new-desk@gmail.com");
    await page.getByLabel("Name", { exact: true }).fill("New Desk");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText(/^Use a district address/).waitFor();
    expect(await page.getByLabel("Email", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(await prisma.staffUser.count({ where: { email: "new-desk@gmail.com" } })).toBe(0);

    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText(`Created the account ${email} and mailed them a link`).waitFor();
    const row = page.getByTestId("staff-row").filter({ hasText: email });
    await row.getByText("Awaiting setup", { exact: true }).waitFor();
    expect(await prisma.staffUser.findUniqueOrThrow({ where: { email } })).toMatchObject({ role: "HELP_DESK", disabled: false, passwordHash: null });
    expect(await prisma.emailOutbox.count({ where: { toAddress: email, template: "staff-setup-link" } })).toBe(1);

    await row.getByRole("button", { name: `Disable ${email}` }).click();
    await row.getByText("Disabled", { exact: true }).waitFor();
    expect((await prisma.staffUser.findUniqueOrThrow({ where: { email } })).disabled).toBe(true);
    expect(await prisma.auditEvent.count({ where: { action: { in: ["staff.create", "staff.disable"] }, actorLabel: ADMIN.email } })).toBe(2);
  });

  it("shows settings errors next to fields and saves valid values", async () => {
    await page.goto(`${baseUrl}/console/settings`);
    const cap = page.getByLabel("Most rows in one bulk reset");
    await cap.fill("20000");
    await page.getByLabel("Staff email domains").fill("riverside.example.org\nnot a domain");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Enter a number from 1 to 10000.").waitFor();
    await page.getByText("Not a valid domain name: not, a, domain.").waitFor();
    expect((await prisma.districtSettings.findUniqueOrThrow({ where: { id: 1 } })).bulkResetCap).toBe(10000);

    await cap.fill("2500");
    await page.getByLabel("Staff email domains").fill("Riverside.example.org, riverside.example.net\nriverside.example.org");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText(/^Saved\. Changed: /).waitFor();
    expect(await prisma.districtSettings.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({
      bulkResetCap: 2500,
      staffEmailDomains: ["riverside.example.org", "riverside.example.net"],
    });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "settings.update" } });
    expect(event.details).toMatchObject({ changes: { bulkResetCap: { before: 10000, after: 2500 } } });
  });

  it("validates and saves the roster import settings, with their help text", async () => {
    await page.goto(`${baseUrl}/console/settings`);
    const source = page.getByLabel("Student ID number comes from");
    expect(await source.getAttribute("aria-describedby")).toBeTruthy();
    await page.getByText("userIds:<Type> for an entry such as {Local:863}", { exact: false }).waitFor();
    await source.fill("studentNumber");
    await page.getByLabel("Largest roster package to upload (MB)").fill("4096");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Use identifier, sourcedId, userIds:<Type>", { exact: false }).waitFor();
    await page.getByText("Enter a number from 1 to 2048.").waitFor();
    expect(await source.getAttribute("aria-invalid")).toBe("true");

    await source.fill("userIds:Local");
    await page.getByLabel("Largest roster package to upload (MB)").fill("200");
    await page.getByLabel("Stop a full import that removes more than (percent)").fill("5");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText(/^Saved\. Changed: /).waitFor();
    expect(await prisma.districtSettings.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({
      rosterStudentIdSource: "userIds:Local",
      rosterUploadMaxMb: 200,
      rosterRemovalGuardPercent: 5,
    });
    // Back to the defaults: the other browser tests share this district.
    await source.fill("identifier");
    await page.getByLabel("Largest roster package to upload (MB)").fill("500");
    await page.getByLabel("Stop a full import that removes more than (percent)").fill("10");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect.poll(async () => (await prisma.districtSettings.findUniqueOrThrow({ where: { id: 1 } })).rosterUploadMaxMb).toBe(500);
  });
});
