// Setup links in the running app: the first site admin from `npm run staff:create-admin`
// (a real process on the app's database) opens the printed link, chooses a passphrase and
// signs in; the link then no longer works. A site admin sends a help-desk agent a setup link
// from the Staff page (a staff reset): the agent gets it by mail and the admin's browser never
// receives the link.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
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

const run = promisify(execFile);
const LINK_PATTERN = /(https?:\/\/[^\s"]+\/console\/set-passphrase\?token=[\w.%-]+)/;
let browser: Browser;

async function signIn(page: Page, email: string, password: string, callbackUrl = "/console/parents") {
  const codes = await secondFactorFor(email);
  await page.goto(`${baseUrl}/console/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // A right passphrase leads to the second step, a wrong one to the form's alert.
  await page.locator('#second-step-code, form [role="alert"]').first().waitFor();
  if ((await page.locator("#second-step-code").count()) > 0) await passSecondStepInBrowser(page, codes);
}

async function choosePassphrase(page: Page, link: string, passphrase: string) {
  await page.goto(link);
  await page.getByRole("heading", { name: "Choose your passphrase" }).waitFor();
  await page.getByLabel("New passphrase").fill(passphrase);
  await page.getByLabel("Repeat the passphrase").fill(passphrase);
  await page.getByRole("button", { name: "Set passphrase" }).click();
}

async function waitFor<T>(load: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await load();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

describe("staff setup links", () => {
  it("the first site admin sets a passphrase through the command's link and signs in (to register security info first); the link works once", async () => {
    const email = "first.admin@riverside.example.org";
    const { stdout } = await run("npx", ["tsx", "scripts/staff-create-admin.ts", "--email", email, "--name", "First Admin"], {
      env: { ...process.env, DATABASE_URL: e2eDatabaseUrl(), NEXTAUTH_URL: baseUrl, PORTAL_URL: baseUrl },
    });
    const link = LINK_PATTERN.exec(stdout)?.[1];
    expect(link, stdout).toBeDefined();
    expect(link!.startsWith(`${baseUrl}/console/set-passphrase?token=`)).toBe(true);

    const context = await browser.newContext();
    const page = await context.newPage();
    const referers: string[] = [];
    page.on("request", (request) => referers.push(request.headers()["referer"] ?? ""));
    await page.goto(link!);
    await page.getByText(email).waitFor();
    expect(await page.locator('meta[name="referrer"]').getAttribute("content")).toBe("strict-origin");
    await page.getByLabel("New passphrase").fill("too short");
    await page.getByLabel("Repeat the passphrase").fill("too short");
    await page.getByRole("button", { name: "Set passphrase" }).click();
    await page.getByText(/Use at least 15 characters/).waitFor();
    // The page's own requests (scripts, styles, the action's POST) never carry the token as a Referer.
    expect(referers.length).toBeGreaterThan(1);
    expect(referers.filter((referer) => referer.includes("token") || referer.includes("set-passphrase"))).toEqual([]);
    expect((await prisma.staffUser.findUniqueOrThrow({ where: { email } })).passwordHash).toBeNull();

    await choosePassphrase(page, link!, "lanterns glow over the quiet harbor");
    await page.waitForURL((url) => url.pathname === "/console/set-passphrase/done");
    expect(page.url()).not.toContain("token=");
    await signIn(page, email, "lanterns glow over the quiet harbor", "/console/staff");
    // A new account has no security info yet: the console asks for it first (issue 9, item 2).
    await page.waitForURL((url) => url.pathname === "/console/setup/security-info");
    await page.getByRole("heading", { name: "Don't lose access to your account" }).waitFor();

    const again = await browser.newPage();
    await again.goto(link!);
    await again.getByRole("alert").filter({ hasText: "This link cannot be used" }).waitFor();
    await expect(again.getByLabel("New passphrase").count()).resolves.toBe(0);
    await again.close();
    await context.close();
  });

  it("a site admin sends a staff reset link; the agent chooses a new passphrase, the old one stops working, the admin never sees the link", async () => {
    const admin = { email: "reset-admin@riverside.example.org", password: "reset admin passphrase 2024" };
    const desk = { email: "reset-me@riverside.example.org", password: "the old desk passphrase 2024" };
    await prisma.staffUser.create({ data: { email: admin.email, name: "Reset Admin", role: "SITE_ADMIN", passwordHash: await hashSecret(admin.password), securityInfo: { create: registeredSecurityInfo() } } });
    await prisma.staffUser.create({ data: { email: desk.email, name: "Reset Me", role: "HELP_DESK", passwordHash: await hashSecret(desk.password), securityInfo: { create: registeredSecurityInfo() } } });

    const adminContext = await browser.newContext();
    const page = await adminContext.newPage();
    const bodies: Promise<string>[] = [];
    page.on("response", (response) => {
      if (response.request().method() === "POST") bodies.push(response.text().catch(() => ""));
    });
    page.on("dialog", (dialog) => void dialog.accept());
    await signIn(page, admin.email, admin.password, "/console/staff");
    await page.waitForURL((url) => url.pathname === "/console/staff");
    const row = page.getByTestId("staff-row").filter({ hasText: desk.email });
    await row.getByRole("button", { name: `Send setup link to ${desk.email}` }).click();
    await row.getByText(`Setup link sent to ${desk.email}.`).waitFor();

    const mail = await waitFor(() => prisma.devMailMessage.findFirst({ where: { toAddress: desk.email } }));
    expect(mail.subject).toBe("Choose a new staff console passphrase");
    const link = LINK_PATTERN.exec(mail.textBody)?.[1];
    expect(link, mail.textBody).toBeDefined();
    const verifier = decodeURIComponent(new URL(link!).searchParams.get("token") ?? "").split(".")[1]!;
    expect(verifier.length).toBeGreaterThan(40);
    for (const body of await Promise.all(bodies)) expect(body).not.toContain(verifier);
    const trail = await prisma.auditEvent.findMany({ select: { action: true, details: true } });
    expect(JSON.stringify(trail)).not.toContain(verifier);
    expect(trail.some((event) => event.action === "staff.setup-link.send")).toBe(true);
    await adminContext.close();

    const deskContext = await browser.newContext();
    const deskPage = await deskContext.newPage();
    await signIn(deskPage, desk.email, desk.password);
    await deskPage.locator('form [role="alert"]').waitFor();
    expect(new URL(deskPage.url()).pathname).toBe("/console/sign-in");
    await choosePassphrase(deskPage, link!, "the agent's own new passphrase");
    await deskPage.waitForURL((url) => url.pathname === "/console/set-passphrase/done");
    await signIn(deskPage, desk.email, "the agent's own new passphrase");
    await deskPage.waitForURL((url) => url.pathname === "/console/parents");
    await deskContext.close();
  });
});
