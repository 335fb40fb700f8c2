// A site admin uploads a OneRoster 1.2 zip on "Roster import", follows the run's progress, reads
// the dry-run counts, applies it, and finds an imported parent in the grid. A run the test
// holds RUNNING first (one import at a time) makes the progress deterministic: its bar moves
// as the row's counters do, and the upload waits in the queue until the test lets it go.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eBaseUrl, e2eDatabaseUrl } from "../helpers/e2e-server";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser";
import { removeScratchDirs, writeZip } from "../helpers/roster-fixtures";
import { registeredSecurityInfo } from "../helpers/staff-security-info";
import { passSecondStepInBrowser, secondFactorFor } from "../helpers/staff-second-factor";

process.env.DATABASE_URL = e2eDatabaseUrl();
const baseUrl = e2eBaseUrl();

const { prisma } = await import("@/lib/db");
const { hashSecret } = await import("@/lib/security/password-hash");

const ADMIN = { email: "roster-admin@riverside.example.org", password: "roster admin passphrase 2026" };

/** One school, one student, two parents (one linked from each side), OneRoster 1.2 bulk. */
const PACKAGE = [
  {
    name: "manifest.csv",
    data: ["propertyName,value", "manifest.version,1.0", "oneroster.version,1.2", "file.orgs,bulk", "file.users,bulk", "file.roles,bulk", "source.systemName,E2E SIS", ""].join("\r\n"),
  },
  { name: "orgs.csv", data: ["sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId", "e2e-sch-1,,,Quillfeather Elementary,school,QE-1,", ""].join("\r\n") },
  {
    name: "users.csv",
    data: [
      "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns",
      "e2e-s-1,,,true,,,Wren,Quillfeather,,0042117,,,,e2e-p-1,03,,,,,,,e2e-sch-1,",
      "e2e-p-1,,,true,,,Odalys,Quillfeather,,,odalys.quillfeather@example.com,,,,,,,,,,,e2e-sch-1,",
      "e2e-p-2,,,true,,,Bram,Quillfeather,,,,,,e2e-s-1,,,,,,,,e2e-sch-1,",
      "",
    ].join("\r\n"),
  },
  {
    name: "roles.csv",
    data: [
      "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId",
      "e2e-r-1,,,e2e-s-1,primary,student,,,e2e-sch-1,",
      "e2e-r-2,,,e2e-p-1,primary,parent,,,e2e-sch-1,",
      "e2e-r-3,,,e2e-p-2,primary,guardian,,,e2e-sch-1,",
      "",
    ].join("\r\n"),
  },
];

let browser: Browser;
let page: Page;
let blockerId: number;

beforeAll(async () => {
  await prisma.staffUser.create({ data: { email: ADMIN.email, name: "Roster Admin", role: "SITE_ADMIN", passwordHash: await hashSecret(ADMIN.password), securityInfo: { create: registeredSecurityInfo() } } });
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(`${baseUrl}/console/sign-in?callbackUrl=${encodeURIComponent("/console/parents")}`);
  await page.getByLabel("E-mail address").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  const secondFactor = await secondFactorFor(ADMIN.email);
  await page.getByRole("button", { name: "Sign in" }).click();
  await passSecondStepInBrowser(page, secondFactor);
  await page.waitForURL(/\/console\/parents/);
});

afterAll(async () => {
  await browser?.close();
  // Never leave the queue blocked for the other files sharing this server.
  if (blockerId) await prisma.rosterImport.updateMany({ where: { id: blockerId, status: "RUNNING" }, data: { status: "FAILED", finishedAt: new Date(), leaseUntil: null } });
  await removeScratchDirs();
  await prisma.$disconnect();
});

describe("roster import page", () => {
  it("shows a running import's progress as it moves", async () => {
    // Wait for any run another file queued, then hold the one RUNNING slot ourselves.
    await expect.poll(() => prisma.rosterImport.count({ where: { status: { in: ["QUEUED", "RUNNING"] } } }), { timeout: 60_000 }).toBe(0);
    blockerId = (
      await prisma.rosterImport.create({
        data: {
          trigger: "COMMAND",
          requestedBy: "command",
          fileName: "nightly.zip",
          filePath: "/nonexistent/nightly.zip",
          dryRun: true,
          status: "RUNNING",
          startedAt: new Date(),
          leaseUntil: new Date(Date.now() + 60 * 60 * 1000),
          phase: "reading",
          rowsDone: 40,
          rowsTotal: 100,
        },
      })
    ).id;
    await page.getByRole("link", { name: "Roster import" }).click();
    await page.waitForURL(/\/console\/roster/);
    const bar = page.getByRole("progressbar", { name: "Import progress" });
    expect(await bar.getAttribute("aria-valuenow")).toBe("40");
    expect(await page.getByTestId("roster-phase").textContent()).toContain("Reading the files");
    await prisma.rosterImport.update({ where: { id: blockerId }, data: { phase: "merging", rowsDone: 80 } });
    await page.locator('[role="progressbar"][aria-valuenow="80"]').waitFor();
    expect(await page.getByTestId("roster-phase").textContent()).toContain("Updating the roster");
  });

  it("refuses a file that is not a zip with a clear message", async () => {
    await page.getByLabel("OneRoster zip (1.1 or 1.2)").setInputFiles({ name: "users.csv", mimeType: "text/csv", buffer: Buffer.from("sourcedId,status\r\n") });
    await page.getByRole("button", { name: "Upload and check" }).click();
    await page.getByText("This file is not a zip.", { exact: false }).waitFor();
    expect(await page.getByLabel("OneRoster zip (1.1 or 1.2)").getAttribute("aria-invalid")).toBe("true");
  });

  it("uploads a package, shows the dry run's counts, applies it, and the parent is in the grid", async () => {
    const zip = await writeZip(PACKAGE);
    await page.getByLabel("OneRoster zip (1.1 or 1.2)").setInputFiles(zip);
    await page.getByRole("button", { name: "Upload and check" }).click();
    await page.waitForURL(/\/console\/roster\?run=\d+/);
    const dryRunId = Number(new URL(page.url()).searchParams.get("run"));
    expect(await prisma.rosterImport.findUniqueOrThrow({ where: { id: dryRunId } })).toMatchObject({ dryRun: true, fileName: "package.zip", requestedBy: ADMIN.email });
    // Queued behind the running one: the page says so.
    const current = page.getByTestId("current-run");
    await current.getByText("Waiting to start").waitFor();

    await prisma.rosterImport.update({ where: { id: blockerId }, data: { status: "FAILED", finishedAt: new Date(), leaseUntil: null, error: "test blocker" } });
    const counts = current.getByTestId("roster-counts");
    await counts.waitFor({ timeout: 60_000 });
    expect(await current.getByText("This was a dry run: nothing was changed.").count()).toBe(1);
    const cells = async (name: RegExp) => (await counts.getByRole("row", { name }).getByRole("cell").allTextContents()).slice(0, 3);
    expect(await cells(/^Students/)).toEqual(["1", "0", "0"]);
    expect(await cells(/^Contacts/)).toEqual(["2", "0", "0"]);
    expect(await cells(/^Parent-child links/)).toEqual(["2", "0", "0"]);
    expect(await prisma.contact.count({ where: { lastName: "Quillfeather" } })).toBe(0);

    const guardBox = current.getByLabel("I confirm these removals");
    if (await guardBox.count()) await guardBox.check(); // other files' rows may count as removals
    await current.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL((url) => url.searchParams.get("run") !== String(dryRunId));
    await page.getByText("The roster was updated.").waitFor({ timeout: 60_000 });
    expect(await prisma.contact.count({ where: { lastName: "Quillfeather", removedAt: null } })).toBe(2);
    const history = page.getByTestId("roster-history");
    expect(await history.getByRole("row").count()).toBeGreaterThanOrEqual(4); // header + apply + dry run + blocker

    await page.goto(`${baseUrl}/console/parents?q=quillfeather`);
    await page.getByRole("row").filter({ hasText: "Quillfeather, Odalys" }).waitFor();
    expect(await page.getByRole("row").filter({ hasText: "Quillfeather, Bram" }).filter({ hasText: "0042117" }).count()).toBe(1);
  });

  it("'Show removed' lists only the rows the roster removed, marked as such", async () => {
    const bram = await prisma.contact.findFirstOrThrow({ where: { lastName: "Quillfeather", firstName: "Bram" } });
    await prisma.studentContact.updateMany({ where: { contactId: bram.id }, data: { removedAt: new Date() } });
    await page.goto(`${baseUrl}/console/parents?q=quillfeather`);
    await page.getByRole("row").filter({ hasText: "Quillfeather, Odalys" }).waitFor();
    expect(await page.getByRole("row").filter({ hasText: "Quillfeather, Bram" }).count()).toBe(0);
    await page.getByRole("checkbox", { name: "Show removed" }).check();
    await page.waitForURL(/removed=1/);
    const removed = page.getByRole("row").filter({ hasText: "Quillfeather, Bram" });
    await removed.getByText("Removed from roster").waitFor();
    expect(await page.getByRole("row").filter({ hasText: "Quillfeather, Odalys" }).count()).toBe(0);
    await page.getByTestId("removed-view-note").waitFor();
    await page.getByRole("checkbox", { name: "Show removed" }).uncheck();
    await page.waitForURL((url) => !url.searchParams.has("removed"));
    await page.getByRole("row").filter({ hasText: "Quillfeather, Odalys" }).waitFor();
  });
});
