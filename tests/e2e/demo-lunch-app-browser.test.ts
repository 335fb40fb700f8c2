// Issue 12, item 8, in a real browser: the demo app "Riverside Lunch Payments (demo)" signs a
// parent in through the portal's OpenID Provider in Arabic (the portal's sign-in and consent
// pages right to left), shows the claims it received, and signs out through RP-initiated
// logout; then a staff reset ends its session by back-channel logout.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { e2eBaseUrl, e2eDatabaseUrl } from "../helpers/e2e-server";
import { launchBrowser, waitForHydration } from "../helpers/browser";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";

process.env.DATABASE_URL = e2eDatabaseUrl();
const baseUrl = e2eBaseUrl();

const { prisma } = await import("@/lib/db");
const { hashSecret } = await import("@/lib/security/password-hash");
const { resetParentLogins } = await import("@/lib/parents/reset-parent-logins");

const PARENT = { username: "lunch.fatima", password: "lunch demo password 7730" };
let browser: Browser;
let subject: string;
let linkId: number;
let staffUserId: number;

beforeAll(async () => {
  const school = await createSchool(prisma, "Lunch Demo Elementary");
  const parent = await createParentWithChild(
    prisma,
    school.id,
    { firstName: "فاطمة", lastName: "الحسن", email: "fatima.lunch@example.com", preferredLocale: "ar", account: { username: PARENT.username, passwordHash: await hashSecret(PARENT.password) } },
    { firstName: "يوسف" },
  );
  await prisma.parentAccount.update({ where: { id: parent.account!.id }, data: { tempPasswordUsedAt: new Date() } });
  subject = parent.account!.oidcSubject;
  linkId = parent.links[0]!.id;
  staffUserId = (await prisma.staffUser.create({ data: { email: "lunch.desk@riverside.example.org", name: "Desk", role: "HELP_DESK", passwordHash: "x" } })).id;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

describe("the demo lunch app", () => {
  it("is registered in demo mode as a public client with a back-channel logout URI", async () => {
    const app = await prisma.oidcClient.findUniqueOrThrow({ where: { clientId: "riverside-lunch-demo" } });
    expect(app).toMatchObject({ name: "Riverside Lunch Payments (demo)", secretHash: null, backchannelLogoutUri: `${baseUrl}/demo-apps/lunch/backchannel-logout` });
    expect(app.redirectUris).toEqual([`${baseUrl}/demo-apps/lunch/callback`]);
  });

  it("signs a parent in through the portal in Arabic, shows the claims, signs out, and ends on a staff reset", async () => {
    const context = await browser.newContext({ locale: "ar", extraHTTPHeaders: { "Accept-Language": "ar,en;q=0.5" } });
    const page = await context.newPage();
    try {
      await page.goto(`${baseUrl}/demo-apps/lunch`);
      await page.getByRole("link", { name: "Sign in with your parent portal login" }).click();

      // The portal's own sign-in page, in Arabic, right to left.
      await page.waitForURL(/\/sign-in\?app=/);
      expect(await page.locator("html").getAttribute("lang")).toBe("ar");
      expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
      await waitForHydration(page, "#username");
      await page.locator("#username").fill(PARENT.username);
      await page.locator("#password").fill(PARENT.password);
      await page.locator('form button[type="submit"]').first().click();

      // Not a first-party app: the consent page, in Arabic, names the app.
      await page.waitForURL(/\/app-consent\?app=/);
      expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
      await expect.poll(() => page.locator("main").innerText()).toContain("Riverside Lunch Payments (demo)");
      await page.locator('button[name="decision"][value="allow"]').click();

      await page.waitForURL(`${baseUrl}/demo-apps/lunch`);
      await page.getByTestId("lunch-signed-in").waitFor();
      const claims = page.getByTestId("id-token-claims");
      expect(await claims.locator('[data-claim="sub"]').innerText()).toBe(subject);
      expect(await claims.locator('[data-claim="locale"]').innerText()).toBe("ar");
      expect(await claims.locator('[data-claim="iss"]').innerText()).toBe(`${baseUrl}/oidc`);
      expect(await page.getByTestId("lunch-user").innerText()).toContain("فاطمة");
      expect(await page.getByTestId("userinfo-claims").innerText()).toContain("يوسف");

      // RP-initiated logout: the provider asks, then comes back to the app.
      await page.getByRole("link", { name: "Sign out" }).click();
      await page.waitForURL(/\/oidc\/session\/end/);
      await page.locator('button[name="logout"][value="yes"]').click();
      await page.waitForURL(`${baseUrl}/demo-apps/lunch`);
      await page.getByTestId("lunch-signed-out").waitFor();

      // Signed in again (the grant remembers the consent), then a staff reset: the app's
      // session ends through the back-channel logout the server's worker delivers.
      await page.getByRole("link", { name: "Sign in with your parent portal login" }).click();
      // The portal session may still be open (then no sign-in page), and consent may be asked again.
      const isStep = (url: URL) => url.pathname === "/sign-in" || url.pathname === "/app-consent" || url.pathname === "/demo-apps/lunch";
      await page.waitForURL(isStep);
      if (new URL(page.url()).pathname === "/sign-in") {
        await waitForHydration(page, "#username");
        await page.locator("#username").fill(PARENT.username);
        await page.locator("#password").fill(PARENT.password);
        await page.locator('form button[type="submit"]').first().click();
        await page.waitForURL((url) => url.pathname !== "/sign-in" && isStep(url));
      }
      if (new URL(page.url()).pathname === "/app-consent") await page.locator('button[name="decision"][value="allow"]').click();
      await page.getByTestId("lunch-signed-in").waitFor();
      await resetParentLogins({ linkIds: [linkId], actor: { staffUserId, label: "lunch.desk@riverside.example.org", ip: "127.0.0.1" } });
      await expect
        .poll(
          async () => {
            await page.reload();
            return page.getByTestId("lunch-session-ended").count();
          },
          { timeout: 60_000, interval: 500 },
        )
        .toBe(1);
      expect(await prisma.oidcLogoutDelivery.count({ where: { clientId: "riverside-lunch-demo", accountId: subject, status: "SENT" } })).toBe(1);
    } finally {
      await context.close();
    }
  });
});
