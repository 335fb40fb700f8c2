// The Reset Parent Login grid in a real browser: results follow the typing (URL kept in step,
// stale answers dropped, no keystroke lost), rows usable from the keyboard (one tab stop,
// arrows, Space, Shift+Space, Shift+click), counts announced, the Reset column in view at 1024 px.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eBaseUrl, e2eDatabaseUrl } from "../helpers/e2e-server";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, waitForHydration } from "../helpers/browser";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";
import { registeredSecurityInfo } from "../helpers/staff-security-info";
import { passSecondStepInBrowser, secondFactorFor } from "../helpers/staff-second-factor";

process.env.DATABASE_URL = e2eDatabaseUrl();
const baseUrl = e2eBaseUrl();

const { prisma } = await import("@/lib/db");
const { hashSecret } = await import("@/lib/security/password-hash");

const DESK = { email: "grid-desk@riverside.example.org", password: "grid desk passphrase 2024" };
const KEYBOARDS = ["Ana", "Ben", "Cleo", "Dan", "Eve"];
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await prisma.staffUser.create({ data: { email: DESK.email, name: "Grid Desk", role: "HELP_DESK", passwordHash: await hashSecret(DESK.password), securityInfo: { create: registeredSecurityInfo() } } });
  // Long values make the table wider than a 1024 px window.
  const school = await createSchool(prisma, "Northwestern Heights International Baccalaureate Magnet Academy");
  for (const first of KEYBOARDS) {
    await createParentWithChild(
      prisma,
      school.id,
      { firstName: first, lastName: "Keyboard", email: `${first.toLowerCase()}.keyboard.with.a.rather.long.address@example-family-mail.com`, account: { username: `${first.toLowerCase()}.keyboard.family` } },
      { firstName: "Maximiliano-Alejandro" },
    );
  }
  await createParentWithChild(prisma, school.id, { firstName: "Finn", lastName: "Keyes", account: { username: "finn.keyes" } });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
  await page.goto(`${baseUrl}/console/sign-in?callbackUrl=${encodeURIComponent("/console/parents")}`);
  await page.getByLabel("E-mail address").fill(DESK.email);
  await page.getByLabel("Password").fill(DESK.password);
  const secondFactor = await secondFactorFor(DESK.email);
  await page.getByRole("button", { name: "Sign in" }).click();
  await passSecondStepInBrowser(page, secondFactor);
  await page.waitForURL(/\/console\/parents/);
  await waitForHydration(page, "#parent-search");
});

afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

const resultsFor = (q: string) => page.locator(`[data-results-for="${q}"]`);
const announcement = () => page.getByTestId("table-announcement").textContent();
const rowCheckbox = (first: string) => page.getByRole("checkbox", { name: new RegExp(`^Select Keyboard, ${first} for`) });

describe("parents grid", () => {
  it("searches as the agent types, keeps the URL in step and drops stale answers", async () => {
    // The answer for "key" is held back until after the one for "keyb": it must not replace it.
    let releaseKey: () => void = () => {};
    const keyHeld = new Promise<void>((resolve) => (releaseKey = resolve));
    await page.route(
      (url) => url.pathname === "/api/console/parents" && url.searchParams.get("q") === "key",
      async (route) => {
        await keyHeld;
        await route.continue().catch(() => {}); // aborted by the newer search
      },
    );
    const box = page.getByLabel("Parent last name");
    await box.click();
    // Listen before typing: the request leaves 70 ms after the last key, which a busy machine's
    // round trip to start listening afterwards can outlast (the wait then never ends).
    const keyRequested = page.waitForRequest((request) => new URL(request.url()).searchParams.get("q") === "key");
    await box.pressSequentially("key");
    await keyRequested;
    await box.pressSequentially("b");
    await resultsFor("keyb").waitFor();
    // The URL follows once the rows are painted (use-url-after-paint.ts).
    const urlQuery = () => page.evaluate(() => new URL(window.location.href).searchParams.get("q"));
    await expect.poll(urlQuery).toBe("keyb");
    releaseKey();
    await page.waitForTimeout(500);
    await resultsFor("keyb").waitFor();
    expect(await resultsFor("key").count()).toBe(0);
    expect(await page.locator("tbody tr[data-row-id]").count()).toBe(KEYBOARDS.length);
    await expect.poll(announcement).toBe(`${KEYBOARDS.length} rows shown of ${KEYBOARDS.length} for “keyb”.`);
    await page.unroute((url) => url.pathname === "/api/console/parents");

    // Fast typing while answers arrive: every keystroke stays in the box.
    await box.fill("");
    await box.pressSequentially("keyboar", { delay: 25 });
    await resultsFor("keyboar").waitFor();
    expect(await box.inputValue()).toBe("keyboar");
    // The URL holds the view: a reload shows the same search.
    await expect.poll(urlQuery).toBe("keyboar");
    await page.reload();
    await resultsFor("keyboar").waitFor();
    await waitForHydration(page, "#parent-search");
    expect(await page.getByLabel("Parent last name").inputValue()).toBe("keyboar");
  });

  it("keeps the Reset column in view at 1024 px", async () => {
    const overflows = await page.locator("table").evaluate((table) => table.parentElement!.scrollWidth > table.parentElement!.clientWidth + 10);
    expect(overflows).toBe(true); // otherwise this test proves nothing
    const reset = page.getByRole("button", { name: /^Reset login of Keyboard, Ana/ });
    const box = (await reset.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1024);
    const onTop = await reset.evaluate((button) => {
      const rect = button.getBoundingClientRect();
      const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
      return hit !== null && button.contains(hit);
    });
    expect(onTop).toBe(true);
  });

  it("selects rows from the keyboard and with Shift+click, and announces the counts", async () => {
    // The rows are one tab stop after the column headers.
    await page.getByRole("link", { name: "Relationship: sort ascending" }).focus();
    await page.keyboard.press("Tab");
    const focusedRow = () => page.evaluate(() => (document.activeElement as HTMLElement).closest("tr")?.getAttribute("data-row-id") ?? document.activeElement?.tagName);
    const rowIds = await page.locator("tbody tr[data-row-id]").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-row-id")));
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("TR");
    expect(await focusedRow()).toBe(rowIds[0]);

    await page.keyboard.press("ArrowDown");
    expect(await focusedRow()).toBe(rowIds[1]);
    await page.keyboard.press("Space"); // Ben
    expect(await rowCheckbox("Ben").isChecked()).toBe(true);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Shift+Space"); // Ben..Dan
    for (const first of ["Ben", "Cleo", "Dan"]) expect(await rowCheckbox(first).isChecked(), first).toBe(true);
    expect(await rowCheckbox("Ana").isChecked()).toBe(false);
    await expect.poll(announcement).toBe("3 rows selected.");

    await rowCheckbox("Eve").click({ modifiers: ["Shift"] }); // Ben..Eve
    expect(await rowCheckbox("Eve").isChecked()).toBe(true);
    await expect(page.getByRole("region", { name: "Selection actions" }).textContent()).resolves.toContain("4 rows selected");
    await expect.poll(announcement).toBe("4 rows selected.");

    await rowCheckbox("Ana").click();
    await page.keyboard.press("Shift+Space"); // on Ana's checkbox: a range of one, already selected
    await expect.poll(announcement).toBe("5 rows selected.");
    // Tab leaves the rows for the controls inside them, not for the next row.
    await page.locator(`tbody tr[data-row-id="${rowIds[2]}"]`).focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toMatch(/^Select Keyboard, Cleo/);

    // A new search starts with nothing selected: rows out of sight are never reset.
    await page.getByLabel("Parent last name").fill("keye");
    await resultsFor("keye").waitFor();
    expect(await page.getByRole("region", { name: "Selection actions" }).count()).toBe(0);
    // Also when the new search shows the selected rows again (the grid keeps their DOM).
    await page.getByLabel("Parent last name").fill("keyb");
    await resultsFor("keyb").waitFor();
    await rowCheckbox("Ana").click();
    await expect.poll(announcement).toBe("1 row selected.");
    await page.getByLabel("Parent last name").fill("keybo");
    await resultsFor("keybo").waitFor();
    expect(await page.getByRole("region", { name: "Selection actions" }).count()).toBe(0);
    for (const first of KEYBOARDS) expect(await rowCheckbox(first).isChecked(), first).toBe(false);
    await expect.poll(announcement).toBe("No rows selected.");
  });
});
