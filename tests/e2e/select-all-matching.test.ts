// A site admin's "select all matching" on a search the grid counts as "1,000+": selecting the
// whole page asks the server to count on to the district's cap, the banner offers every
// matching row, and the reset dialog's preview covers all of them (nothing is reset here).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomInt } from "node:crypto";
import { e2eBaseUrl, e2eDatabaseUrl } from "../helpers/e2e-server";
import type { Browser } from "playwright-core";
import { launchBrowser, waitForHydration } from "../helpers/browser";
import { createSchool } from "../helpers/parent-fixtures";
import { registeredSecurityInfo } from "../helpers/staff-security-info";
import { secondFactorFor, signInStaffInBrowser } from "../helpers/staff-second-factor";

process.env.DATABASE_URL = e2eDatabaseUrl();
const baseUrl = e2eBaseUrl();

const { prisma } = await import("@/lib/db");
const { hashSecret } = await import("@/lib/security/password-hash");
const { parentSearchKey } = await import("@/lib/text/fold-name");
const { getDistrictSettings } = await import("@/lib/settings/district-settings");

const ADMIN = { email: "select-all-admin@riverside.example.org", password: "select all admin passphrase 2024" };
// A surname no other browser test uses: they share this server's database.
const FAMILY = "Vellacourt";
const ROWS = 1_005;
let browser: Browser;

beforeAll(async () => {
  await prisma.staffUser.create({
    data: { email: ADMIN.email, name: "Sal Admin", role: "SITE_ADMIN", passwordHash: await hashSecret(ADMIN.password), securityInfo: { create: registeredSecurityInfo() } },
  });
  const school = await createSchool(prisma, "Vellacourt Elementary");
  const run = String(randomInt(1_000_000)).padStart(6, "0");
  const students = await prisma.student.createManyAndReturn({
    data: Array.from({ length: ROWS }, (_, i) => ({ studentNumber: `VC${run}${String(i).padStart(4, "0")}`, firstName: `Kid${i}`, lastName: FAMILY, grade: "3", schoolId: school.id })),
    select: { id: true },
  });
  const contacts = await prisma.contact.createManyAndReturn({
    data: Array.from({ length: ROWS }, (_, i) => ({ firstName: `Parent${String(i).padStart(4, "0")}`, lastName: FAMILY, email: `vellacourt.${run}.${i}@example.com` })),
    select: { id: true, firstName: true },
  });
  await prisma.studentContact.createMany({
    data: contacts.map((contact, i) => ({ studentId: students[i]!.id, contactId: contact.id, relationship: "Mother", parentKey: parentSearchKey(FAMILY, contact.firstName) })),
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

describe("select all matching", () => {
  it("counts a \"1,000+\" search on demand when a site admin selects the page, and previews a reset of every matching row", async () => {
    const page = await browser.newPage();
    await signInStaffInBrowser(page, baseUrl, { ...ADMIN, codes: await secondFactorFor(ADMIN.email) }, `/console/parents?q=${FAMILY.toLowerCase()}`);
    await page.waitForURL(/\/console\/parents/);
    await waitForHydration(page, "#parent-search");

    // The grid counts to 1,000 for everyone; only selecting the whole page asks for more.
    await page.getByText("Rows 1–50 of 1,000+").waitFor();
    const counted = page.waitForRequest((request) => request.method() === "POST" && request.headers()["next-action"] !== undefined);
    await page.getByRole("checkbox", { name: "Select all rows on this page" }).check();
    await counted;
    // Another file on this server may have changed the district's cap (not below 1,005 rows).
    const { bulkResetCap } = await getDistrictSettings();
    expect(bulkResetCap).toBeGreaterThanOrEqual(ROWS);
    await page.getByRole("button", { name: `Select all ${ROWS.toLocaleString("en-US")} matching (up to ${bulkResetCap.toLocaleString("en-US")})` }).click();
    await expect(page.getByRole("region", { name: "Selection actions" }).textContent()).resolves.toContain(`All ${ROWS.toLocaleString("en-US")} matching rows selected`);

    await page.getByRole("button", { name: "Reset Selected" }).click();
    const dialog = page.getByRole("dialog", { name: "Reset parent logins" });
    await dialog.getByText(`This affects ${ROWS.toLocaleString("en-US")} rows`, { exact: false }).waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect(await prisma.auditEvent.count({ where: { action: "parent.reset", actorLabel: ADMIN.email } })).toBe(0);
  });
});
