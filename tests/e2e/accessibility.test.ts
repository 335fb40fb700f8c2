// axe-core on every console page (signed in once as a site admin) and every parent page in
// each of the four languages: no serious or critical violation anywhere. Also: the favicon
// is served (browsers ask for it on every first visit).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eBaseUrl, e2eDatabaseUrl } from "../helpers/e2e-server";
import type { Browser, Page } from "playwright-core";
import { seriousAxeViolations, type AxeFinding } from "../helpers/axe";
import { launchBrowser } from "../helpers/browser";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";
import { registeredSecurityInfo } from "../helpers/staff-security-info";
import { passSecondStepInBrowser, secondFactorFor } from "../helpers/staff-second-factor";

process.env.DATABASE_URL = e2eDatabaseUrl();
const baseUrl = e2eBaseUrl();

const { prisma } = await import("@/lib/db");
const { hashSecret } = await import("@/lib/security/password-hash");
const { LOCALES, LOCALE_COOKIE } = await import("@/lib/i18n/locales");

const ADMIN = { email: "axe-admin@riverside.example.org", password: "axe admin passphrase 2024" };
const PARENT = { username: "axe.parent", password: "quiet harbor lights 7" };
let browser: Browser;
let adminId: number;

beforeAll(async () => {
  adminId = (
    await prisma.staffUser.create({
      data: { email: ADMIN.email, name: "Axe Admin", role: "SITE_ADMIN", passwordHash: await hashSecret(ADMIN.password), securityInfo: { create: registeredSecurityInfo() } },
    })
  ).id;
  const school = await createSchool(prisma, "Axe Elementary");
  await createParentWithChild(prisma, school.id, {
    firstName: "Amira",
    lastName: "Al-Amin",
    account: { username: PARENT.username, passwordHash: await hashSecret(PARENT.password) },
  });
  // Rows showing every kind of cell: no e-mail and no login, a reset login, a staff address.
  await createParentWithChild(prisma, school.id, { firstName: "Omar", lastName: "Al-Amin", email: null });
  await createParentWithChild(prisma, school.id, { firstName: "Layla", lastName: "Al-Amin", account: { username: "layla.alamin", status: "RESET", passwordHash: null } });
  await createParentWithChild(prisma, school.id, { firstName: "Sami", lastName: "Al-Amin", email: "sami@riverside.example.org", account: { username: "sami.alamin" } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

/** Visits each path and collects what axe finds (the URL it landed on is the label). */
async function audit(page: Page, paths: string[], tag = ""): Promise<AxeFinding[]> {
  const findings: AxeFinding[] = [];
  for (const path of paths) {
    const response = await page.goto(`${baseUrl}${path}`);
    expect(response?.status(), path).toBeLessThan(500);
    await page.waitForLoadState("load");
    findings.push(...(await seriousAxeViolations(page, `${tag}${path} -> ${new URL(page.url()).pathname}`)));
  }
  return findings;
}

describe("accessibility (axe-core)", () => {
  it("every console page has no serious or critical violation", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const findings = await audit(page, ["/console/sign-in", "/console/forgot-passphrase", "/console/forgot-passphrase/cant-sign-in", "/console/set-passphrase"]);

    // The sign-in page with its error showing, then the second step.
    await page.goto(`${baseUrl}/console/sign-in?callbackUrl=${encodeURIComponent("/console/parents")}`);
    await page.getByLabel("E-mail address").fill(ADMIN.email);
    await page.getByLabel("Password").fill("not the passphrase");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("The e-mail address or password is not correct.").waitFor();
    findings.push(...(await seriousAxeViolations(page, "/console/sign-in (error)")));
    await page.getByLabel("Password").fill(ADMIN.password);
    const secondFactor = await secondFactorFor(ADMIN.email);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/console\/sign-in\/second-step/);
    findings.push(...(await seriousAxeViolations(page, "/console/sign-in/second-step")));
    await passSecondStepInBrowser(page, secondFactor);

    findings.push(
      ...(await audit(page, [
        "/console",
        "/console/parents",
        "/console/parents?q=al&sort=status&dir=desc",
        "/console/parents?removed=1",
        "/console/audit",
        "/console/roster",
        "/console/settings",
        "/console/staff",
        `/console/staff/${adminId}`,
        "/console/account",
        "/console/dev-inbox",
      ])),
    );
    // The grid with a row selected and the reset dialog open.
    await page.goto(`${baseUrl}/console/parents?q=al`);
    await page.getByRole("checkbox", { name: /^Select Al-Amin, Amira/ }).check();
    await page.getByRole("button", { name: "Reset Selected" }).click();
    await page.getByRole("dialog").getByRole("button", { name: /^Reset 1 row/ }).waitFor();
    findings.push(...(await seriousAxeViolations(page, "/console/parents (reset dialog)")));

    expect(findings).toEqual([]);
    await context.close();
  }, 300_000);

  it("every parent page, in each language, has no serious or critical violation", async () => {
    const findings: AxeFinding[] = [];
    for (const locale of LOCALES) {
      const context = await browser.newContext();
      await context.addCookies([{ name: LOCALE_COOKIE, value: locale, url: baseUrl }]);
      const page = await context.newPage();
      findings.push(
        ...(await audit(
          page,
          ["/", "/sign-in", "/create-account", "/forgot-username", "/forgot-password", "/forgot-password/account-reset", "/forgot-password/new-password", "/forgot-password/done", "/student-sign-in", "/app-sign-in-expired", "/no-such-page"],
          `[${locale}] `,
        )),
      );
      // Step 2 of Forgot Password is reached with any username.
      await page.goto(`${baseUrl}/forgot-password`);
      await page.locator("#username").fill(`nobody.axe.${locale}`);
      await page.locator("#username").press("Enter");
      await page.waitForURL(/\/forgot-password\/code/);
      findings.push(...(await seriousAxeViolations(page, `[${locale}] /forgot-password/code`)));
      await page.goto(`${baseUrl}/sign-in`);
      await page.locator("#username").fill(PARENT.username);
      await page.locator("#password").fill(PARENT.password);
      await page.locator("#password").press("Enter");
      await page.waitForURL(/\/home/);
      findings.push(...(await audit(page, ["/home", "/change-password"], `[${locale}] `)));
      await context.close();
      // The sign-in page with its error showing (a fresh browser: no session).
      const anonymous = await browser.newContext();
      await anonymous.addCookies([{ name: LOCALE_COOKIE, value: locale, url: baseUrl }]);
      const signIn = await anonymous.newPage();
      await signIn.goto(`${baseUrl}/sign-in`);
      await signIn.locator("#username").fill(`nobody.axe.${locale}`);
      await signIn.locator("#password").fill("not the password");
      await signIn.locator("#password").press("Enter");
      await signIn.locator('[role="alert"]').first().waitFor();
      findings.push(...(await seriousAxeViolations(signIn, `[${locale}] /sign-in (error)`)));
      await anonymous.close();
    }
    expect(findings).toEqual([]);
  }, 300_000);

  it("serves a favicon", async () => {
    const response = await fetch(`${baseUrl}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/image\//);
  });
});
