// Console "Connected apps" (issue 12, item 7) in a real browser: a site admin finds it in the
// navigation, registers a confidential app and sees its secret once (the database holds only
// its SHA-256), rotates it, disables the app; the pages have no serious axe violation. Help
// desk has no link and is sent away from the page.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { e2eBaseUrl, e2eDatabaseUrl } from "../helpers/e2e-server";
import { seriousAxeViolations } from "../helpers/axe";
import { launchBrowser, waitForHydration } from "../helpers/browser";
import { registeredSecurityInfo } from "../helpers/staff-security-info";
import { passSecondStepInBrowser, secondFactorFor } from "../helpers/staff-second-factor";
import { hashClientSecret } from "@/lib/oidc/client-secret";

process.env.DATABASE_URL = e2eDatabaseUrl();
const baseUrl = e2eBaseUrl();

const { prisma } = await import("@/lib/db");
const { hashSecret } = await import("@/lib/security/password-hash");

const ADMIN = { email: "apps-admin@riverside.example.org", password: "apps admin passphrase 2024" };
const DESK = { email: "apps-desk@riverside.example.org", password: "apps desk passphrase 2024" };
let browser: Browser;

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto(`${baseUrl}/console/sign-in?callbackUrl=${encodeURIComponent("/console/parents")}`);
  await page.getByLabel("E-mail address").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  const secondFactor = await secondFactorFor(who.email);
  await page.getByRole("button", { name: "Sign in" }).click();
  await passSecondStepInBrowser(page, secondFactor);
  await page.waitForURL((url) => url.pathname === "/console/parents");
}

beforeAll(async () => {
  for (const [who, role] of [[ADMIN, "SITE_ADMIN"], [DESK, "HELP_DESK"]] as const) {
    await prisma.staffUser.create({ data: { email: who.email, name: role, role, passwordHash: await hashSecret(who.password), securityInfo: { create: registeredSecurityInfo() } } });
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

describe("Connected apps in the console", () => {
  it("lets a site admin register an app, shows its secret once, rotate and disable it", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on("dialog", (dialog) => void dialog.accept());
    try {
      await signIn(page, ADMIN);
      await page.getByRole("link", { name: "Connected apps" }).click();
      await page.waitForURL(`${baseUrl}/console/apps`);
      await page.getByRole("heading", { name: "Connected apps" }).waitFor();
      expect(await seriousAxeViolations(page, "/console/apps")).toEqual([]);

      const form = page.getByRole("form", { name: "Register an app" });
      await waitForHydration(page, 'form[aria-label="Register an app"] input[name="name"]');
      await form.getByLabel("Name", { exact: true }).fill("Canvas (e2e)");
      await form.getByLabel("Redirect URIs", { exact: true }).fill("http://canvas.example.org/login/oauth2/callback");
      await form.getByRole("button", { name: "Register app" }).click();
      // Refused in clear words: http only on this machine.
      await form.getByText("must use https (http is only for localhost or 127.0.0.1)").waitFor();
      await form.getByLabel("Redirect URIs", { exact: true }).fill("https://canvas.example.org/login/oauth2/callback");
      await form.getByLabel("Back-channel logout URI", { exact: true }).fill("https://canvas.example.org/login/oidc/logout");
      await form.getByRole("checkbox", { name: /students/ }).check();
      await form.getByRole("button", { name: "Register app" }).click();

      const shown = page.getByTestId("secret-once");
      await shown.waitFor();
      const clientId = await shown.getByTestId("client-id").innerText();
      const secret = await shown.getByTestId("client-secret").innerText();
      const app = await prisma.oidcClient.findUniqueOrThrow({ where: { clientId } });
      expect(app).toMatchObject({ name: "Canvas (e2e)", secretHash: hashClientSecret(secret), backchannelLogoutUri: "https://canvas.example.org/login/oidc/logout" });
      expect(app.scopes).toEqual(["openid", "profile", "email", "students"]);

      // Shown once: after a reload the secret is nowhere on the page.
      await page.reload();
      await page.getByTestId("connected-app-row").filter({ hasText: "Canvas (e2e)" }).waitFor();
      expect(await page.content()).not.toContain(secret);
      await page.getByRole("link", { name: "Canvas (e2e)" }).click();
      await page.waitForURL(`${baseUrl}/console/apps/${app.id}`);
      expect(await seriousAxeViolations(page, "/console/apps/[id]")).toEqual([]);
      expect(await page.content()).not.toContain(secret);

      await waitForHydration(page, 'form[aria-label="Edit app"] input[name="name"]');
      await page.getByRole("button", { name: "Rotate client secret" }).click();
      const rotated = await page.getByTestId("client-secret").innerText();
      expect(rotated).not.toBe(secret);
      await expect.poll(async () => (await prisma.oidcClient.findUniqueOrThrow({ where: { id: app.id } })).secretHash).toBe(hashClientSecret(rotated));

      await page.getByRole("button", { name: "Disable app" }).click();
      await page.getByRole("button", { name: "Enable app" }).waitFor();
      expect((await prisma.oidcClient.findUniqueOrThrow({ where: { id: app.id } })).disabledAt).not.toBeNull();
      const actions = (await prisma.auditEvent.findMany({ where: { action: { startsWith: "app." }, details: { path: ["clientId"], equals: clientId } }, orderBy: { id: "asc" } })).map((event) => event.action);
      expect(actions).toEqual(["app.register", "app.secret.rotate", "app.disable"]);
    } finally {
      await context.close();
    }
  });

  it("gives help desk no link, and sends them away from the page", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await signIn(page, DESK);
      expect(await page.getByRole("link", { name: "Connected apps" }).count()).toBe(0);
      await page.goto(`${baseUrl}/console/apps`);
      expect(new URL(page.url()).pathname).toBe("/console/parents");
    } finally {
      await context.close();
    }
  });
});
