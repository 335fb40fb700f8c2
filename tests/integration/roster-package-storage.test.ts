// Where packages are kept (ROSTER_STORAGE_DIR) and when they go: uploads streamed to a private
// folder with a size cap, and package files deleted once no run needs them any more.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { enqueueRosterImport } from "@/lib/roster/jobs/roster-import-jobs";
import { purgeRosterPackages } from "@/lib/roster/jobs/roster-package-retention";
import {
  discardRosterPackage,
  rosterStorageDir,
  rosterStoragePath,
  RosterUploadTooLargeError,
  storeRosterUpload,
} from "@/lib/roster/jobs/roster-storage";

const DAY = 86_400_000;
let root: string;

beforeEach(async () => {
  await prisma.$executeRawUnsafe(`TRUNCATE "RosterImport" RESTART IDENTITY CASCADE`);
  root = await mkdtemp(path.join(tmpdir(), "roster-storage-test-"));
  process.env.ROSTER_STORAGE_DIR = path.join(root, "store");
});
afterEach(async () => {
  delete process.env.ROSTER_STORAGE_DIR;
  await rm(root, { recursive: true, force: true });
});

function chunks(count: number, size: number): ReadableStream<Uint8Array> {
  return Readable.toWeb(Readable.from((function* () {
    for (let i = 0; i < count; i += 1) yield Buffer.alloc(size, 65 + (i % 26));
  })())) as ReadableStream<Uint8Array>;
}

describe("storage", () => {
  it("defaults to .data/roster under the working directory", () => {
    delete process.env.ROSTER_STORAGE_DIR;
    expect(rosterStorageDir()).toBe(path.join(process.cwd(), ".data", "roster"));
  });

  it("streams an upload into a private folder and file", async () => {
    const stored = await storeRosterUpload(chunks(10, 1_000), { maxBytes: 10_000 });
    expect(stored.fileBytes).toBe(10_000);
    expect(path.dirname(stored.filePath)).toBe(path.join(root, "store"));
    expect(stored.filePath.endsWith(".zip")).toBe(true);
    expect((await readFile(stored.filePath)).length).toBe(10_000);
    expect((await stat(stored.filePath)).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(root, "store"))).mode & 0o777).toBe(0o700);
  });

  it("stops an upload over the limit and leaves no partial file", async () => {
    await expect(storeRosterUpload(chunks(11, 1_000), { maxBytes: 10_000 })).rejects.toBeInstanceOf(RosterUploadTooLargeError);
    expect(await readdir(path.join(root, "store"))).toEqual([]);
  });

  it("gives distinct paths and deletes only inside the storage folder", async () => {
    const a = await rosterStoragePath();
    const b = await rosterStoragePath();
    expect(a).not.toBe(b);
    const outside = path.join(root, "outside.zip");
    await writeFile(outside, "x");
    await expect(discardRosterPackage(outside)).rejects.toThrow(/outside the roster storage folder/);
    await expect(discardRosterPackage(path.join(root, "store", "..", "outside.zip"))).rejects.toThrow();
    await writeFile(a, "x");
    await discardRosterPackage(a);
    await expect(stat(a)).rejects.toThrow();
    await discardRosterPackage(a); // already gone: fine
  });
});

describe("package retention", () => {
  const now = new Date();
  const ago = (ms: number) => new Date(now.getTime() - ms);

  async function packageWithRuns(runs: { status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "NEEDS_CONFIRMATION" | "FAILED"; dryRun?: boolean; finishedAt?: Date }[]) {
    const filePath = await rosterStoragePath();
    await writeFile(filePath, "PK");
    for (const run of runs) {
      const job = await enqueueRosterImport({
        trigger: "CONSOLE",
        requestedBy: "admin",
        fileName: "roster.zip",
        filePath,
        fileBytes: 2,
        dryRun: run.dryRun ?? false,
        confirmRemovals: false,
      });
      await prisma.rosterImport.update({ where: { id: job.id }, data: { status: run.status, finishedAt: run.finishedAt ?? null } });
    }
    return filePath;
  }
  const exists = (file: string) => stat(file).then(() => true, () => false);

  it("deletes a package N days after its last run finished, not before, and never while a run of it waits", async () => {
    const applied = await packageWithRuns([{ status: "SUCCEEDED", finishedAt: ago(7 * DAY + 60_000) }]);
    const failed = await packageWithRuns([{ status: "FAILED", finishedAt: ago(8 * DAY) }]);
    const recentDryRun = await packageWithRuns([{ status: "SUCCEEDED", dryRun: true, finishedAt: ago(6 * DAY) }]);
    const guarded = await packageWithRuns([{ status: "NEEDS_CONFIRMATION", finishedAt: ago(7 * DAY - 60_000) }]);
    const applyQueued = await packageWithRuns([{ status: "SUCCEEDED", dryRun: true, finishedAt: ago(30 * DAY) }, { status: "QUEUED" }]);
    const applyRunning = await packageWithRuns([{ status: "NEEDS_CONFIRMATION", finishedAt: ago(30 * DAY) }, { status: "RUNNING" }]);
    const outside = path.join(root, "command-package.zip");
    await writeFile(outside, "PK");
    const commandRun = await enqueueRosterImport({ trigger: "COMMAND", requestedBy: "command", fileName: "x.zip", filePath: outside, fileBytes: 2, dryRun: false, confirmRemovals: false });
    await prisma.rosterImport.update({ where: { id: commandRun.id }, data: { status: "SUCCEEDED", finishedAt: ago(30 * DAY) } });

    const purge = await purgeRosterPackages({ now, retentionDays: 7 });
    expect(purge.packagesDeleted).toBe(2);
    expect(await exists(applied)).toBe(false);
    expect(await exists(failed)).toBe(false);
    expect(await exists(recentDryRun)).toBe(true);
    expect(await exists(guarded)).toBe(true);
    expect(await exists(applyQueued)).toBe(true);
    expect(await exists(applyRunning)).toBe(true);
    expect(await exists(outside)).toBe(true); // the command's file is the district's, not ours
  });

  it("keeps a dry run's package at least a day, whatever the setting", async () => {
    const dryRun = await packageWithRuns([{ status: "SUCCEEDED", dryRun: true, finishedAt: ago(DAY / 2) }]);
    await purgeRosterPackages({ now, retentionDays: 0 });
    expect(await exists(dryRun)).toBe(true);
    await purgeRosterPackages({ now: new Date(now.getTime() + DAY), retentionDays: 0 });
    expect(await exists(dryRun)).toBe(false);
  });

  it("deletes a file no run refers to once it is a day old", async () => {
    const orphan = await rosterStoragePath();
    await writeFile(orphan, "PK");
    expect((await purgeRosterPackages({ now })).orphansDeleted).toBe(0);
    expect(await exists(orphan)).toBe(true);
    expect((await purgeRosterPackages({ now: new Date(Date.now() + DAY + 60_000) })).orphansDeleted).toBe(1);
    expect(await exists(orphan)).toBe(false);
  });
});
