// `npm run roster:import` as a district's cron job runs it: a child process against this file's
// database, its exit status, its progress lines and its summary, the report CSV, and waiting
// while another import is running.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { fixtureCopy, fixtureZip, removeScratchDirs } from "../helpers/roster-fixtures";

type Run = { code: number | null; stdout: string; stderr: string };

let workDir: string;

function command(args: string[], env: Record<string, string | undefined> = {}, onStdout?: (text: string) => void): Promise<Run> {
  const merged: NodeJS.ProcessEnv = { ...process.env, ROSTER_POLL_MS: "100", ...env };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/roster-import.ts"), ...args], {
    cwd: process.cwd(), // tsx resolves itself and the "@/" paths from the project folder
    env: merged,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += String(chunk);
    onStdout?.(stdout);
  });
  child.stderr.on("data", (chunk) => (stderr += String(chunk)));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), "roster-command-"));
});
beforeEach(async () => {
  await prisma.$executeRawUnsafe(`TRUNCATE "RosterImport", "AuditEvent" RESTART IDENTITY CASCADE`);
});
afterAll(async () => {
  await removeScratchDirs();
  await rm(workDir, { recursive: true, force: true });
});

describe("npm run roster:import", () => {
  it("runs a dry run of a zip: progress lines, the summary, exit 0, a COMMAND run on record", async () => {
    const zip = await fixtureZip("v1p1-bulk");
    const run = await command([zip, "--dry-run"]);
    expect(run.stderr).not.toMatch(/✗/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Roster import #1: dry run of /m);
    expect(run.stdout).toMatch(/^progress: reading\s+\d+ \/ \d+ rows\s+\d+%$/m); // plain lines: not a terminal
    expect(run.stdout).toMatch(/✓ Dry run of package\.zip \(OneRoster 1\.1\) in [\d.]+ s: nothing was changed/);
    expect(run.stdout).toMatch(/^\s+add\s+change\s+remove\s+restore\s+unchanged$/m);
    expect(run.stdout).toMatch(/^\s+students\s+\d+/m);
    const row = await prisma.rosterImport.findFirstOrThrow();
    expect(row).toMatchObject({ trigger: "COMMAND", status: "SUCCEEDED", dryRun: true, filePath: zip, fileName: "package.zip" });
    expect(row.requestedBy).toMatch(/^command \(/);
  });

  it("fails a broken package with exit 1, the message and the report CSV", async () => {
    const folder = await fixtureCopy("v1p1-bulk", { "manifest.csv": null });
    const reportPath = path.join(workDir, "nightly-report.csv");
    const run = await command([folder, "--report", reportPath]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ Import of .* failed: nothing was changed\./);
    expect(run.stdout).toMatch(/no manifest\.csv/);
    expect(run.stdout).toContain(`Full report (CSV): ${reportPath}`);
    expect(await readFile(reportPath, "utf8")).toMatch(/severity,file,line,column,reason\r\nerror,manifest\.csv,/);
  });

  it("waits while another import is running, then runs", async () => {
    const zip = await fixtureZip("v1p1-bulk");
    const other = await prisma.rosterImport.create({
      data: { trigger: "CONSOLE", requestedBy: "admin", fileName: "other.zip", filePath: zip, dryRun: true, status: "RUNNING", leaseUntil: new Date(Date.now() + 600_000) },
    });
    let finishedOther = false;
    const run = await command([zip, "--dry-run"], {}, (stdout) => {
      if (!finishedOther && stdout.includes("waiting for it to finish")) {
        finishedOther = true;
        // (A Prisma query runs only once awaited or then-ed.)
        void prisma.rosterImport.update({ where: { id: other.id }, data: { status: "SUCCEEDED", finishedAt: new Date() } }).then(() => undefined);
      }
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Another roster import is running; waiting for it to finish/);
    expect(run.stdout).toMatch(/✓ Dry run of package\.zip/);
  });

  it("says what is wrong without a database or a package", async () => {
    const zip = await fixtureZip("v1p1-bulk");
    const noDatabase = await command([zip], { DATABASE_URL: undefined });
    expect(noDatabase.code).toBe(2);
    expect(noDatabase.stderr).toMatch(/DATABASE_URL is not set/);
    const noPackage = await command([]);
    expect(noPackage.code).toBe(2);
    expect(noPackage.stderr).toMatch(/Usage: npm run roster:import -- <package\.zip \| folder>/);
    expect(await prisma.rosterImport.count()).toBe(0);
  });
});
