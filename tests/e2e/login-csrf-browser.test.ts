// Login CSRF in a real browser. Another site (localhost, a different site from the
// portal at 127.0.0.1) copies the no-JavaScript staff sign-in form (its hidden server-action
// fields are public in the page's HTML) with the attacker's own e-mail and passphrase and
// submits it in the victim's browser, top-level (the only way a SameSite=Lax session cookie
// could be set), directly and through a 307 redirect (Origin: null). Chromium sends Origin,
// Next.js's server-action Origin check refuses: the victim is signed in as nobody.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eBaseUrl, e2eDatabaseUrl } from "../helpers/e2e-server";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../helpers/browser";
import { registeredSecurityInfo } from "../helpers/staff-security-info";

process.env.DATABASE_URL = e2eDatabaseUrl();
const baseUrl = e2eBaseUrl();
const { prisma } = await import("@/lib/db");
const { hashSecret } = await import("@/lib/security/password-hash");
const ATTACKER = { email: `r2-csrf-${Date.now().toString(36)}@riverside.example.org`, password: "the attacker's own passphrase 77" };

let browser: Browser;
let evil: http.Server;
let evilOrigin = "";
let copiedFields: { name: string; value: string }[] = [];

function escapeAttr(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
}

beforeAll(async () => {
  await prisma.staffUser.create({ data: { email: ATTACKER.email, name: "Mallory", role: "HELP_DESK", passwordHash: await hashSecret(ATTACKER.password), securityInfo: { create: registeredSecurityInfo() } } });
  // The attacker reads the public sign-in page once and copies the form's hidden fields.
  const html = await (await fetch(new URL("/console/sign-in", baseUrl))).text();
  const hidden = [...html.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)].map(([, name, value]) => ({
    name: name!,
    value: (value ?? "").replace(/&quot;/g, '"').replace(/&amp;/g, "&"),
  }));
  expect(hidden.some((field) => field.name.startsWith("$ACTION_"))).toBe(true);
  copiedFields = [...hidden, { name: "email", value: ATTACKER.email }, { name: "password", value: ATTACKER.password }];
  const fields = [...hidden, { name: "email", value: ATTACKER.email }, { name: "password", value: ATTACKER.password }]
    .map((field) => `<input type="hidden" name="${escapeAttr(field.name)}" value="${escapeAttr(field.value)}">`)
    .join("");
  evil = http.createServer((req, res) => {
    if (req.url === "/bounce") {
      res.writeHead(307, { Location: `${baseUrl}/console/sign-in` });
      return res.end();
    }
    const target = req.url === "/via-redirect" ? `${evilOrigin}/bounce` : `${baseUrl}/console/sign-in`;
    res.writeHead(200, { "Content-Type": "text/html" });
    res.end(`<!doctype html><form id="f" method="POST" enctype="multipart/form-data" action="${target}">${fields}</form><script>document.getElementById("f").submit()</script>`);
  });
  await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", () => resolve()));
  evilOrigin = `http://localhost:${(evil.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => evil?.close(resolve));
  await prisma.$disconnect();
});

async function sessionCookiesAfterVisiting(path: string): Promise<string[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${evilOrigin}${path}`);
  await page.waitForLoadState("networkidle");
  // The browser did post to the portal (and stayed on its answer).
  expect(page.url()).toBe(`${baseUrl}/console/sign-in`);
  const cookies = await context.cookies(baseUrl);
  await context.close();
  return cookies.filter((cookie) => cookie.name.includes("session-token") && cookie.value).map((cookie) => cookie.name);
}

describe("login CSRF against the no-JavaScript staff sign-in, in Chromium", () => {
  it("control: the same form posted from the portal's own page signs in", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/console/sign-in`);
    await page.getByLabel("E-mail address").fill(ATTACKER.email);
    await page.getByLabel("Password").fill(ATTACKER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    // Signed in (a member without an authenticator yet lands on the two-step setup step).
    await page.waitForURL(/\/console\/(parents|setup\/second-factor)/);
    expect((await context.cookies(baseUrl)).some((cookie) => cookie.name.includes("session-token"))).toBe(true);
    await context.close();
  });

  it("control: the copied fields sign in when posted with the portal's own Origin (the copy is a working form)", async () => {
    const form = new FormData();
    for (const field of copiedFields) form.append(field.name, field.value);
    const response = await fetch(new URL("/console/sign-in", baseUrl), { method: "POST", headers: { Origin: new URL(baseUrl).origin }, body: form, redirect: "manual" });
    await response.text();
    expect(response.headers.getSetCookie().some((cookie) => /session-token=[^;]/.test(cookie))).toBe(true);
  });

  it("a cross-site auto-submitted copy of the form signs the victim in as nobody", async () => {
    expect(await sessionCookiesAfterVisiting("/direct")).toEqual([]);
  });

  it("the same through a 307 redirect (Origin: null) signs the victim in as nobody", async () => {
    expect(await sessionCookiesAfterVisiting("/via-redirect")).toEqual([]);
  });
});
