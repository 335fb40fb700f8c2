// A site admin finds a staff reset in the audit trail (filter by action) and exports it;
// a help-desk agent is refused the export and the admin pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eBaseUrl, e2eDatabaseUrl } from "../helpers/e2e-server";
import type { Browser, BrowserContext } from "playwright-core";
import { launchBrowser } from "../helpers/browser";
import { registeredSecurityInfo } from "../helpers/staff-security-info";
import { passSecondStepInBrowser, secondFactorFor } from "../helpers/staff-second-factor";

process.env.DATABASE_URL = e2eDatabaseUrl();
const baseUrl = e2eBaseUrl();

const { prisma } = await import("@/lib/db");
const { hashSecret } = await import("@/lib/security/password-hash");
const { resetParentLogins } = await import("@/lib/parents/reset-parent-logins");
const { parentSearchKey } = await import("@/lib/text/fold-name");

const ADMIN = { email: "audit-admin@riverside.example.org", password: "audit admin passphrase 2024" };
const DESK = { email: "audit-desk@riverside.example.org", password: "audit desk passphrase 2024" };
let browser: Browser;
let contactId = 0;

async function signIn(context: BrowserContext, account: { email: string; password: string }, path: string) {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/console/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel("E-mail address").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  const secondFactor = await secondFactorFor(account.email);
  await page.getByRole("button", { name: "Sign in" }).click();
  await passSecondStepInBrowser(page, secondFactor);
  return page;
}

beforeAll(async () => {
  const admin = await prisma.staffUser.create({
    data: { email: ADMIN.email, name: "Audit Admin", role: "SITE_ADMIN", passwordHash: await hashSecret(ADMIN.password), securityInfo: { create: registeredSecurityInfo() } },
  });
  await prisma.staffUser.create({ data: { email: DESK.email, name: "Audit Desk", role: "HELP_DESK", passwordHash: await hashSecret(DESK.password), securityInfo: { create: registeredSecurityInfo() } } });
  const school = await prisma.school.create({ data: { code: "AUD", name: "Audit Elementary" } });
  const student = await prisma.student.create({ data: { studentNumber: "AUD-1", firstName: "Zoe", lastName: "Quintanilla", grade: "4", schoolId: school.id } });
  const contact = await prisma.contact.create({ data: { firstName: "Rosa", lastName: "Quintanilla", email: "rosa.q@example.com", preferredLocale: "es" } });
  contactId = contact.id;
  await prisma.parentAccount.create({ data: { contactId, username: "rosaq", usernameKey: "rosaq", passwordHash: await hashSecret("old password 1") } });
  const link = await prisma.studentContact.create({
    data: { studentId: student.id, contactId, relationship: "Mother", parentKey: parentSearchKey("Quintanilla", "Rosa") },
  });
  const outcome = await resetParentLogins({ linkIds: [link.id], actor: { staffUserId: admin.id, label: ADMIN.email, ip: "203.0.113.77" } });
  expect(outcome.resetLogins).toBe(1);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

describe("audit trail", () => {
  it("a site admin filters by action and parent and sees the reset", async () => {
    const context = await browser.newContext();
    const page = await signIn(context, ADMIN, "/console/audit");
    await page.waitForURL(/\/console\/audit/);
    await page.getByRole("heading", { name: "Audit trail" }).waitFor();

    await page.getByLabel("Action").selectOption("parent.reset");
    await page.getByLabel("Parent", { exact: true }).fill("quintan");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/action=parent\.reset/);
    expect(new URL(page.url()).searchParams.get("parent")).toBe("quintan");

    const rows = page.getByTestId("audit-row");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    const text = (await rows.first().textContent()) ?? "";
    expect(text).toContain("parent.reset");
    expect(text).toContain(ADMIN.email);
    expect(text).toContain("203.0.113.77");
    await page.getByRole("heading", { name: /^1 matching event · the parent name matched 1 contact$/ }).waitFor();

    // The same link works after reload (state in the URL), and the export gives the CSV.
    await page.reload();
    await page.getByTestId("audit-row").first().waitFor();
    expect(await page.getByTestId("audit-row").count()).toBe(1);
    const exported = await context.request.get(`${baseUrl}/api/console/audit/export?action=parent.reset&parent=${contactId}`);
    expect(exported.status()).toBe(200);
    expect(exported.headers()["content-type"]).toContain("text/csv");
    const csv = await exported.text();
    expect(csv.trimEnd().split("\r\n")).toHaveLength(2);
    expect(csv).toContain(`parent.reset,203.0.113.77,${contactId},`);
    expect(await prisma.auditEvent.count({ where: { action: "audit.export", actorLabel: ADMIN.email } })).toBe(1);

    // Each export is audited with its request's id (the X-Request-Id of its response and log
    // lines), which the CSV gives in its last column: newest first, this export, then the one above.
    const exports = await context.request.get(`${baseUrl}/api/console/audit/export?action=audit.export`);
    const [header, newest, earlier] = (await exports.text()).trimEnd().split("\r\n");
    expect(header!.endsWith(",request_id")).toBe(true);
    expect(exports.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(newest!.endsWith(`,${exports.headers()["x-request-id"]}`)).toBe(true);
    expect(earlier!.endsWith(`,${exported.headers()["x-request-id"]}`)).toBe(true);
    await context.close();
  });

  it("help desk gets 403 from the export, anonymous gets 401, and admin pages redirect", async () => {
    const anonymous = await fetch(`${baseUrl}/api/console/audit/export`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ ok: false, code: "unauthorized" });

    const context = await browser.newContext();
    const page = await signIn(context, DESK, "/console/parents");
    const response = await context.request.get(`${baseUrl}/api/console/audit/export?action=parent.reset`);
    expect(response.status()).toBe(403);
    expect(await response.json()).toMatchObject({ ok: false, code: "forbidden" });
    for (const path of ["/console/audit", "/console/staff", "/console/settings"]) {
      // With a loading boundary the redirect arrives in the stream, so wait for the navigation.
      await page.goto(`${baseUrl}${path}`);
      await page.waitForURL((url) => url.pathname === "/console/parents", { timeout: 10_000 });
      expect(new URL(page.url()).searchParams.get("denied")).toBe("1");
    }
    expect(await prisma.auditEvent.count({ where: { action: "audit.export", actorLabel: DESK.email } })).toBe(0);
    await context.close();
  });
});
