// The drop folder (ROSTER_DROP_DIR) on a real database and real files: a complete zip is
// imported once and moved to processed/ or failed/, files still being written and temporary
// names are left alone, and two instances never import the same file twice.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { rosterDropFolder } from "@/lib/roster/jobs/roster-drop-folder";
import { runNextRosterImport } from "@/lib/roster/jobs/roster-import-runner";
import { startRosterWorkerLoop } from "@/lib/roster/jobs/roster-worker";
import { fixtureZip, removeScratchDirs, writeZip } from "../helpers/roster-fixtures";

let dropDir: string;
let storageDir: string;

beforeEach(async () => {
  await prisma.$executeRawUnsafe(`TRUNCATE "RosterImport", "AuditEvent" RESTART IDENTITY CASCADE`);
  dropDir = await mkdtemp(path.join(tmpdir(), "roster-drop-"));
  storageDir = await mkdtemp(path.join(tmpdir(), "roster-store-"));
  process.env.ROSTER_STORAGE_DIR = storageDir;
});
afterEach(async () => {
  delete process.env.ROSTER_STORAGE_DIR;
  await rm(dropDir, { recursive: true, force: true });
  await rm(storageDir, { recursive: true, force: true });
});
afterAll(removeScratchDirs);

async function drop(name: string, fixture = "v1p1-bulk"): Promise<Buffer> {
  const data = await readFile(await fixtureZip(fixture));
  await writeFile(path.join(dropDir, name), data);
  return data;
}

async function files(folder: string): Promise<string[]> {
  return (await readdir(path.join(dropDir, folder)).catch(() => [] as string[])).sort();
}

async function runAll(): Promise<void> {
  while ((await runNextRosterImport({ leaseMs: 60_000 })).status === "ran");
}

describe("the drop folder", () => {
  it("imports a complete zip once (an apply) and moves it to processed/ under a stamped name", async () => {
    const data = await drop("nightly.zip");
    const folder = rosterDropFolder(dropDir);
    expect(await folder.scan()).toEqual([]); // first look: maybe still being written
    const [id] = await folder.scan();
    expect(id).toBeDefined();
    expect(await files(".")).toEqual(["incoming"]);
    const job = await prisma.rosterImport.findUniqueOrThrow({ where: { id } });
    expect(job).toMatchObject({ trigger: "DROP_FOLDER", requestedBy: "drop folder", fileName: "nightly.zip", dryRun: false, confirmRemovals: false, fileBytes: data.length });
    expect(path.dirname(job.filePath)).toBe(storageDir);
    expect(await folder.settle()).toBe(0); // not run yet: stays in incoming/
    await runAll();
    expect(await folder.settle()).toBe(1);
    const processed = await files("processed");
    expect(processed).toHaveLength(1);
    expect(processed[0]).toMatch(/^\d{8}T\d{6}-\d{3}Z-[0-9a-f]{6}-nightly\.zip$/);
    expect(await readFile(path.join(dropDir, "processed", processed[0]!))).toEqual(data);
    expect(await files("incoming")).toEqual([]);
    expect((await prisma.rosterImport.findUniqueOrThrow({ where: { id } })).status).toBe("SUCCEEDED");
    // Looked at again: nothing new.
    expect(await folder.scan()).toEqual([]);
    expect(await folder.scan()).toEqual([]);
    expect(await prisma.rosterImport.count()).toBe(1);
  });

  it("moves a package that fails to failed/, and the same name dropped again is a new import", async () => {
    const broken = await writeZip([{ name: "users.csv", data: "sourcedId\n" }]); // no manifest
    await writeFile(path.join(dropDir, "nightly.zip"), await readFile(broken));
    const folder = rosterDropFolder(dropDir);
    await folder.scan();
    const [id] = await folder.scan();
    await runAll();
    await folder.settle();
    expect(await files("failed")).toHaveLength(1);
    expect(await prisma.rosterImport.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "FAILED" });

    await drop("nightly.zip");
    await folder.scan();
    expect(await folder.scan()).toHaveLength(1);
    await runAll();
    await folder.settle();
    expect(await files("processed")).toHaveLength(1);
    expect(await files("failed")).toHaveLength(1);
  });

  it("leaves dotfiles, .part/.tmp names and a file that is still growing alone", async () => {
    await drop(".nightly.zip");
    await drop("nightly.zip.part");
    await drop("nightly.zip.tmp");
    await drop("notes.txt");
    const folder = rosterDropFolder(dropDir);
    await writeFile(path.join(dropDir, "growing.zip"), "PK");
    expect(await folder.scan()).toEqual([]);
    await writeFile(path.join(dropDir, "growing.zip"), "PK and more bytes");
    expect(await folder.scan()).toEqual([]); // changed since the last look
    expect(await files(".")).toEqual([".nightly.zip", "growing.zip", "incoming", "nightly.zip.part", "nightly.zip.tmp", "notes.txt"]);
    expect(await folder.scan()).toHaveLength(1); // unchanged now: taken
    expect(await prisma.rosterImport.count()).toBe(1);
  });

  it("claims each file once when two instances look at the same moment", async () => {
    for (const name of ["a.zip", "b.zip", "c.zip"]) await drop(name);
    const one = rosterDropFolder(dropDir);
    const two = rosterDropFolder(dropDir);
    await Promise.all([one.scan(), two.scan()]);
    const claimed = (await Promise.all([one.scan(), two.scan()])).flat();
    expect(claimed).toHaveLength(3);
    expect((await prisma.rosterImport.findMany({ orderBy: { fileName: "asc" } })).map((row) => row.fileName)).toEqual(["a.zip", "b.zip", "c.zip"]);
  });

  it("two workers import a dropped zip once and move it to processed/", async () => {
    await drop("nightly.zip");
    const workers = [
      startRosterWorkerLoop({ pollMs: 30, dropDir, leaseMs: 60_000 }),
      startRosterWorkerLoop({ pollMs: 30, dropDir, leaseMs: 60_000 }),
    ];
    try {
      for (let i = 0; i < 1_000 && (await files("processed")).length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 30));
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }
    expect(await files("processed")).toHaveLength(1);
    const runs = await prisma.rosterImport.findMany();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: "DROP_FOLDER", status: "SUCCEEDED" });
    expect((await stat(runs[0]!.filePath)).isFile()).toBe(true); // kept for the retention window
  });
});
