// A help-desk agent signs in, searches "garc", selects two rows, resets them and sees the
// new status; the database shows the logins reset, notices queued and the audit event.
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

const DESK = { email: "reset-desk@riverside.example.org", password: "help desk passphrase 2024" };
const PARENTS = [
  { first: "Marisol", last: "García", child: "Tomasito", username: "marisol.garcia" },
  { first: "Ernesto", last: "Garcia", child: "Lupita", username: "ernesto.garcia" },
  { first: "Beatriz", last: "Garcés", child: "Joaquinito", username: "bea.garces" },
];
let browser: Browser;
const contactIds: number[] = [];

beforeAll(async () => {
  await prisma.staffUser.create({ data: { email: DESK.email, name: "Rita Desk", role: "HELP_DESK", passwordHash: await hashSecret(DESK.password), securityInfo: { create: registeredSecurityInfo() } } });
  const school = await prisma.school.create({ data: { code: "E2E-RESET", name: "Reset Elementary" } });
  for (const [index, parent] of PARENTS.entries()) {
    const student = await prisma.student.create({
      data: { studentNumber: `E2E-R${index}`, firstName: parent.child, lastName: parent.last, grade: "2", schoolId: school.id },
    });
    const contact = await prisma.contact.create({
      data: { firstName: parent.first, lastName: parent.last, email: `${parent.username}@example.com`, preferredLocale: "es" },
    });
    contactIds.push(contact.id);
    await prisma.parentAccount.create({
      data: { contactId: contact.id, username: parent.username, usernameKey: parent.username, passwordHash: "$argon2id$unused" },
    });
    await prisma.studentContact.create({
      data: { studentId: student.id, contactId: contact.id, relationship: "Mother", parentKey: parentSearchKey(parent.last, parent.first) },
    });
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

describe("staff reset journey", () => {
  it("help desk searches, selects two rows, confirms, and sees them reset", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/console/parents`);
    expect(new URL(page.url()).pathname).toBe("/console/sign-in");

    await page.getByLabel("E-mail address").fill(DESK.email);
    await page.getByLabel("Password").fill("wrong password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("The e-mail address or password is not correct.").waitFor();
    await page.getByLabel("Password").fill(DESK.password);
    const secondFactor = await secondFactorFor(DESK.email);
    await page.getByRole("button", { name: "Sign in" }).click();
    await passSecondStepInBrowser(page, secondFactor);
    await page.waitForURL(/\/console\/parents/);
    await expect(page.getByTestId("staff-name").textContent()).resolves.toBe("Rita Desk");
    // Help desk sees no admin links.
    expect(await page.getByRole("link", { name: "Audit trail" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Roster import" }).count()).toBe(0);

    await page.getByLabel("Parent last name").fill("garc");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/q=garc/);
    const marisol = page.getByRole("checkbox", { name: "Select García, Marisol for Tomasito García" });
    const ernesto = page.getByRole("checkbox", { name: "Select Garcia, Ernesto for Lupita Garcia" });
    await marisol.waitFor();
    // Accent-insensitive: both spellings and Garcés are found.
    await page.getByRole("checkbox", { name: "Select Garcés, Beatriz for Joaquinito Garcés" }).waitFor();

    await marisol.check();
    await ernesto.check();
    await expect(page.getByRole("region", { name: "Selection actions" }).textContent()).resolves.toContain("2 rows selected");
    await page.getByRole("button", { name: "Reset Selected" }).click();
    const dialog = page.getByRole("dialog", { name: "Reset parent logins" });
    await dialog.getByText("Are you sure you want to reset the selected accounts?").waitFor();
    await dialog.getByText("This affects 2 rows and 2 distinct parent logins.", { exact: false }).waitFor();
    await dialog.getByText("Help desk may reset up to 25 rows at once (other rows of the same parents count) and 200 rows per hour; you have 200 left this hour.").waitFor();
    // Help desk must say how the caller was verified (district default).
    await dialog.getByRole("checkbox", { name: "Called back the phone number on record" }).check();
    await dialog.getByRole("button", { name: "Reset 2 rows" }).click();

    await page.getByText("Reset 2 parent logins").waitFor();
    const rowOf = (name: string) => page.getByRole("row").filter({ has: page.getByRole("checkbox", { name }) });
    // The badges change once the grid re-fetches (router.refresh()).
    await rowOf("Select García, Marisol for Tomasito García").locator('[data-status="RESET"]').waitFor();
    await rowOf("Select Garcia, Ernesto for Lupita Garcia").locator('[data-status="RESET"]').waitFor();
    await expect(rowOf("Select Garcés, Beatriz for Joaquinito Garcés").locator("[data-status]").textContent()).resolves.toBe("Active");

    const accounts = await prisma.parentAccount.findMany({ where: { contactId: { in: contactIds } }, orderBy: { contactId: "asc" } });
    expect(accounts.map((account) => account.status)).toEqual(["RESET", "RESET", "ACTIVE"]);
    expect(await prisma.emailOutbox.count({ where: { template: "login-reset-notice", toAddress: { in: ["marisol.garcia@example.com", "ernesto.garcia@example.com"] } } })).toBe(2);
    const event = await prisma.auditEvent.findFirst({ where: { action: "parent.reset", actorLabel: DESK.email } });
    expect([...(event?.contactIds ?? [])].sort()).toEqual([contactIds[0], contactIds[1]].sort());

    // The JSON search answers the signed-in agent and refuses anonymous callers.
    const api = await context.request.get(`${baseUrl}/api/console/parents?q=garc&sort=nonsense&size=9999`);
    expect(api.status()).toBe(200);
    const body = (await api.json()) as { ok: boolean; data: { rows: { username: string; status: string }[] } };
    expect(body.data.rows.find((row) => row.username === "marisol.garcia")?.status).toBe("RESET");
    const anonymous = await fetch(`${baseUrl}/api/console/parents?q=garc`);
    expect(anonymous.status).toBe(401);

    // Signing out ends the session on the server: a copy of the old cookie is worthless.
    const cookieHeader = (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/console\/sign-in/);
    const replayed = await fetch(`${baseUrl}/api/console/parents?q=garc`, { headers: { cookie: cookieHeader } });
    expect(replayed.status).toBe(401);
    await context.close();
  });
});
