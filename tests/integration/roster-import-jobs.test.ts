// The roster import queue on a real database: enqueue and history, one claim per run with SKIP
// LOCKED, one RUNNING import at a time even with two runners, abandoned leases, progress and
// outcomes stored on the row, and the refusals of "apply after a dry run".
import pg from "pg";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { claimRosterImport, INTERRUPTED_MESSAGE, recoverAbandonedRosterImports } from "@/lib/roster/jobs/roster-import-claim";
import { ROSTER_IMPORT_LOCK_KEY } from "@/lib/roster/roster-import-lock";
import {
  enqueueRosterApply,
  enqueueRosterImport,
  getRosterImport,
  listRosterImports,
  RosterApplyRefusedError,
  type EnqueueRosterImportInput,
} from "@/lib/roster/jobs/roster-import-jobs";
import { runNextRosterImport, type RosterRunOutcome } from "@/lib/roster/jobs/roster-import-runner";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { deflateRawSync } from "node:zlib";
import { buildZip } from "../helpers/build-zip";
import { FIXTURES, fixtureCopy, fixtureZip, removeScratchDirs, writeZip } from "../helpers/roster-fixtures";
import { family, writeV11Package } from "../helpers/roster-packages";

const LEASE_MS = 60_000;

function input(filePath: string, extra: Partial<EnqueueRosterImportInput> = {}): EnqueueRosterImportInput {
  return {
    trigger: "CONSOLE",
    requestedById: null,
    requestedBy: "admin@district.example.org",
    fileName: "roster.zip",
    filePath,
    fileBytes: 1234,
    dryRun: true,
    confirmRemovals: false,
    ...extra,
  };
}

/** Until some session of this database waits for a lock (the claim blocked on the unique index). */
async function waitForLockWait(): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    const [row] = await prisma.$queryRaw<{ waiting: bigint }[]>`
      SELECT count(*) AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if (Number(row!.waiting) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("the claim never waited for the other transaction");
}

/** The fixture zipped, with users.csv's compressed bytes garbled: the reader fails mid-file. */
async function corruptZip(): Promise<string> {
  const dir = path.join(FIXTURES, "v1p1-bulk");
  const files = await Promise.all((await readdir(dir)).map(async (name) => ({ name, data: await readFile(path.join(dir, name)) })));
  const zip = buildZip(files);
  const body = deflateRawSync(files.find((file) => file.name === "users.csv")!.data);
  const at = zip.indexOf(body);
  for (let i = at + 10; i < at + body.length - 4; i += 1) zip[i] = 0xff;
  const file = await writeZip([]);
  await writeFile(file, zip);
  return file;
}

async function runAuditEvents(importId: number) {
  const events = await prisma.auditEvent.findMany({ where: { action: { startsWith: "roster.import" } }, orderBy: { id: "asc" } });
  return events.filter((event) => (event.details as { importId?: number }).importId === importId);
}

beforeEach(async () => {
  await prisma.$executeRawUnsafe(`TRUNCATE "RosterImport", "AuditEvent", "StudentContact", "ParentAccount", "Contact", "Student", "School", "EmailOutbox" RESTART IDENTITY CASCADE`);
});
afterAll(removeScratchDirs);

describe("the queue", () => {
  it("enqueues a QUEUED run and reads it back", async () => {
    const zip = await fixtureZip("v1p1-bulk");
    const job = await enqueueRosterImport(input(zip));
    expect(job).toMatchObject({ status: "QUEUED", trigger: "CONSOLE", fileName: "roster.zip", dryRun: true, rowsDone: 0, summary: null });
    const detail = await getRosterImport(job.id);
    expect(detail).toMatchObject({ id: job.id, status: "QUEUED", report: null });
    expect(await getRosterImport(999_999)).toBeNull();
    expect(await getRosterImport(Number.NaN)).toBeNull();
  });

  it("lists the history newest first, one page after the other", async () => {
    const zip = await fixtureZip("v1p1-bulk");
    for (let i = 1; i <= 5; i += 1) await enqueueRosterImport(input(zip, { fileName: `run-${i}.zip` }));
    const first = await listRosterImports({ limit: 2 });
    expect(first.items.map((item) => item.fileName)).toEqual(["run-5.zip", "run-4.zip"]);
    const second = await listRosterImports({ limit: 2, beforeId: first.nextBeforeId });
    expect(second.items.map((item) => item.fileName)).toEqual(["run-3.zip", "run-2.zip"]);
    const third = await listRosterImports({ limit: 2, beforeId: second.nextBeforeId });
    expect(third.items.map((item) => item.fileName)).toEqual(["run-1.zip"]);
    expect(third.nextBeforeId).toBeNull();
    expect("report" in third.items[0]!).toBe(false);
  });
});

describe("claiming", () => {
  it("lets only one of two concurrent claims start an import while two are queued", async () => {
    const zip = await fixtureZip("v1p1-bulk");
    await enqueueRosterImport(input(zip));
    await enqueueRosterImport(input(zip));
    const claims = await Promise.all([claimRosterImport({ leaseMs: LEASE_MS }), claimRosterImport({ leaseMs: LEASE_MS })]);
    expect(claims.map((claim) => claim.status).sort()).toEqual(["busy", "claimed"]);
    expect(await prisma.rosterImport.count({ where: { status: "RUNNING" } })).toBe(1);
    // Still busy for every later claim until that run ends.
    expect((await claimRosterImport({ leaseMs: LEASE_MS })).status).toBe("busy");
  });

  it("answers busy when the one-running index refuses its claim (a claim racing past the RUNNING check)", async () => {
    const zip = await fixtureZip("v1p1-bulk");
    const first = await enqueueRosterImport(input(zip));
    await enqueueRosterImport(input(zip));
    // Another worker's claim, not committed yet: invisible to the RUNNING check, but the
    // index makes our claim wait for it and then fail.
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query(`UPDATE "RosterImport" SET "status" = 'RUNNING', "leaseUntil" = now() + interval '1 minute' WHERE id = $1`, [first.id]);
      const claim = claimRosterImport({ leaseMs: LEASE_MS });
      // The claim is blocked on the index until the other transaction ends.
      await waitForLockWait();
      await other.query("COMMIT");
      expect(await claim).toEqual({ status: "busy" });
    } finally {
      await other.end();
    }
    expect(await prisma.rosterImport.count({ where: { status: "RUNNING" } })).toBe(1);
  });

  it("claims the oldest queued run, or only the one asked for, or only the given triggers", async () => {
    const zip = await fixtureZip("v1p1-bulk");
    const command = await enqueueRosterImport(input(zip, { trigger: "COMMAND" }));
    const consoleRun = await enqueueRosterImport(input(zip));
    const onlyConsole = await claimRosterImport({ leaseMs: LEASE_MS, triggers: ["CONSOLE", "DROP_FOLDER"] });
    expect(onlyConsole).toMatchObject({ status: "claimed", job: { id: consoleRun.id } });
    await prisma.rosterImport.update({ where: { id: consoleRun.id }, data: { status: "SUCCEEDED" } });
    expect(await claimRosterImport({ leaseMs: LEASE_MS, importId: 999 })).toEqual({ status: "idle" });
    expect(await claimRosterImport({ leaseMs: LEASE_MS })).toMatchObject({ status: "claimed", job: { id: command.id, trigger: "COMMAND" } });
  });
});

describe("running", () => {
  it("runs each queued import once, one at a time, with two runners working concurrently", async () => {
    const zip = await fixtureZip("v1p1-bulk");
    const ids = [];
    for (let i = 0; i < 3; i += 1) ids.push((await enqueueRosterImport(input(zip))).id);
    const ran: number[] = [];
    const runner = async () => {
      for (let turns = 0; turns < 200; turns += 1) {
        const outcome: RosterRunOutcome = await runNextRosterImport({ leaseMs: LEASE_MS });
        if (outcome.status === "ran") ran.push(outcome.importId);
        if (outcome.status === "idle") return;
        if (outcome.status === "busy") await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    await Promise.all([runner(), runner()]);
    expect(ran.sort()).toEqual(ids);
    // Each run's audit event (written by importRoster) exactly once.
    for (const id of ids) expect((await runAuditEvents(id)).map((event) => event.action)).toEqual(["roster.import.dry-run"]);
    const rows = await prisma.rosterImport.findMany({ orderBy: { startedAt: "asc" } });
    expect(rows.map((row) => row.status)).toEqual(["SUCCEEDED", "SUCCEEDED", "SUCCEEDED"]);
    // Never two at once: each run started after the previous one finished.
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]!.startedAt!.getTime()).toBeGreaterThanOrEqual(rows[i - 1]!.finishedAt!.getTime());
  });

  it("stores the outcome, the summary, the version and the progress on the row", async () => {
    const job = await enqueueRosterImport(input(await fixtureZip("v1p2-bulk")));
    const seen: string[] = [];
    const outcome = await runNextRosterImport({ leaseMs: LEASE_MS, onProgress: (progress) => seen.push(progress.phase) });
    expect(outcome).toMatchObject({ status: "ran", importId: job.id, stored: true });
    const row = await getRosterImport(job.id);
    expect(row).toMatchObject({ status: "SUCCEEDED", version: "1.2", error: null });
    expect(row!.summary).toMatchObject({ version: "1.2" });
    expect(row!.report).toMatchObject({ outcome: "read" });
    expect(row!.finishedAt).not.toBeNull();
    // The last progress reported is on the row (the throttle's trailing write).
    expect(row!.rowsDone).toBeGreaterThan(0);
    expect(row!.rowsTotal).not.toBeNull();
    expect(row!.phase).toBe(seen[seen.length - 1]);
    expect((await prisma.rosterImport.findUnique({ where: { id: job.id } }))!.leaseUntil).toBeNull();
  });

  it("fails a structurally broken package with its message, nothing else", async () => {
    const folder = await fixtureCopy("v1p1-bulk", { "manifest.csv": null });
    const job = await enqueueRosterImport(input(folder));
    await runNextRosterImport({ leaseMs: LEASE_MS });
    const row = await getRosterImport(job.id);
    expect(row).toMatchObject({ status: "FAILED", summary: null, version: null });
    expect(row!.error).toMatch(/no manifest\.csv/);
    expect(row!.report).toMatchObject({ outcome: "structural-error", error: { file: "manifest.csv" } });
  });

  it("fails a run whose package file is gone, with a plain message", async () => {
    const job = await enqueueRosterImport(input("/nonexistent/roster-package.zip"));
    await runNextRosterImport({ leaseMs: LEASE_MS });
    const row = await getRosterImport(job.id);
    expect(row).toMatchObject({ status: "FAILED" });
    expect(row!.error).toMatch(/no longer on the server/);
    const [event] = await runAuditEvents(job.id);
    expect(event).toMatchObject({ action: "roster.import.failed", actorLabel: "admin@district.example.org", details: { reason: "file-missing", fileName: "roster.zip" } });
  });

  it("fails a run whose zip is damaged mid-file with the reader's message, and nothing changes", async () => {
    const job = await enqueueRosterImport(input(await corruptZip(), { dryRun: false, requestedById: 3 }));
    await runNextRosterImport({ leaseMs: LEASE_MS });
    const row = await getRosterImport(job.id);
    expect(row).toMatchObject({ status: "FAILED", summary: null });
    expect(row!.error).toMatch(/users\.csv can't be read to its end .*export it again/);
    const [event] = await runAuditEvents(job.id);
    expect(event).toMatchObject({ action: "roster.import.failed", actorType: "STAFF", actorId: 3 });
    expect(await prisma.student.count()).toBe(0);
  });

  it("fails a run whose importer crashed with a plain message (no stack), and audits it", async () => {
    // Two stored students swap ID numbers: the unique index refuses the update mid-statement,
    // an error the importer does not expect.
    const students = [
      { id: "s1", role: "student" as const, given: "A", family: "Kid", identifier: "100" },
      { id: "s2", role: "student" as const, given: "B", family: "Kid", identifier: "200" },
    ];
    await enqueueRosterImport(input(await writeV11Package({ users: students }), { dryRun: false }));
    await runNextRosterImport({ leaseMs: LEASE_MS });
    const swapped = [
      { ...students[0]!, identifier: "200" },
      { ...students[1]!, identifier: "100" },
    ];
    const job = await enqueueRosterImport(input(await writeV11Package({ users: swapped }), { dryRun: false, requestedById: 3 }));
    const outcome = await runNextRosterImport({ leaseMs: LEASE_MS });
    expect(outcome).toMatchObject({ status: "ran", stored: true });
    const row = await getRosterImport(job.id);
    expect(row).toMatchObject({ status: "FAILED", summary: null });
    expect(row!.error).toMatch(/^The import stopped on an unexpected error: .+/);
    expect(row!.error).not.toMatch(/\n|\s+at /);
    const [event] = await runAuditEvents(job.id);
    expect(event).toMatchObject({ action: "roster.import.failed", actorType: "STAFF", actorId: 3, details: { reason: "crash", message: row!.error } });
    expect((await prisma.student.findMany({ orderBy: { sourcedId: "asc" } })).map((s) => s.studentNumber)).toEqual(["100", "200"]);
  });

  it("applies a package, stops a bulk that removes too much (NEEDS_CONFIRMATION), and applies it once confirmed", async () => {
    const all = Array.from({ length: 10 }, (_, i) => family(`f${i}`, String(1000 + i), 1)).flat();
    const first = await enqueueRosterImport(input(await writeV11Package({ users: all }), { dryRun: false }));
    await runNextRosterImport({ leaseMs: LEASE_MS });
    expect(await getRosterImport(first.id)).toMatchObject({ status: "SUCCEEDED", dryRun: false });
    expect(await prisma.student.count({ where: { removedAt: null } })).toBe(10);
    expect((await runAuditEvents(first.id)).map((event) => event.action)).toEqual(["roster.import"]);

    const fewer = await enqueueRosterImport(input(await writeV11Package({ users: all.slice(6) }), { dryRun: false }));
    await runNextRosterImport({ leaseMs: LEASE_MS });
    const stopped = await getRosterImport(fewer.id);
    expect(stopped).toMatchObject({ status: "NEEDS_CONFIRMATION", error: null });
    expect(stopped!.summary!.removalGuard.exceeded).toBe(true);
    expect(await prisma.student.count({ where: { removedAt: null } })).toBe(10);

    const confirmed = await enqueueRosterApply(fewer.id, { requestedById: null, requestedBy: "admin", confirmRemovals: true });
    await runNextRosterImport({ leaseMs: LEASE_MS });
    expect(await getRosterImport(confirmed.id)).toMatchObject({ status: "SUCCEEDED", confirmRemovals: true });
    expect(await prisma.student.count({ where: { removedAt: null } })).toBe(7); // three families of two gone
  });

  it("marks a RUNNING import whose lease passed as interrupted, then runs the next one", async () => {
    const zip = await fixtureZip("v1p1-bulk");
    const abandoned = await enqueueRosterImport(input(zip));
    await prisma.rosterImport.update({
      where: { id: abandoned.id },
      data: { status: "RUNNING", startedAt: new Date(Date.now() - 10 * 60_000), leaseUntil: new Date(Date.now() - 60_000) },
    });
    const next = await enqueueRosterImport(input(zip));
    const outcome = await runNextRosterImport({ leaseMs: LEASE_MS });
    expect(outcome).toMatchObject({ status: "ran", importId: next.id });
    const row = await getRosterImport(abandoned.id);
    expect(row).toMatchObject({ status: "FAILED", error: INTERRUPTED_MESSAGE });
    expect(row!.error).toMatch(/^interrupted/);
    expect(row!.finishedAt).not.toBeNull();
    const [event] = await runAuditEvents(abandoned.id);
    expect(event).toMatchObject({ action: "roster.import.failed", actorType: "SYSTEM", actorLabel: "roster worker", details: { reason: "interrupted" } });
  });

  it("never calls a run interrupted while an import transaction is still open, whatever its lease says", async () => {
    const abandoned = await enqueueRosterImport(input(await fixtureZip("v1p1-bulk")));
    await prisma.rosterImport.update({ where: { id: abandoned.id }, data: { status: "RUNNING", leaseUntil: new Date(Date.now() - 60_000) } });
    const importing = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await importing.connect();
    try {
      await importing.query("BEGIN");
      await importing.query("SELECT pg_advisory_xact_lock($1)", [ROSTER_IMPORT_LOCK_KEY]);
      expect(await recoverAbandonedRosterImports()).toBe(0);
      expect(await getRosterImport(abandoned.id)).toMatchObject({ status: "RUNNING" });
      await importing.query("ROLLBACK");
    } finally {
      await importing.end();
    }
    expect(await recoverAbandonedRosterImports()).toBe(1);
  });

  it("renews the lease while a run takes longer than the lease, so other runners never take it for abandoned", async () => {
    const job = await enqueueRosterImport(input(await fixtureZip("v1p1-bulk")));
    const leaseMs = 2_000;
    const otherRunner: RosterRunOutcome[] = [];
    const outcome = await runNextRosterImport({
      leaseMs,
      // Three lease lengths inside the run, while a second runner keeps looking.
      onStart: async () => {
        const until = Date.now() + 3 * leaseMs;
        while (Date.now() < until) {
          otherRunner.push(await runNextRosterImport({ leaseMs }));
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      },
    });
    expect(outcome).toMatchObject({ status: "ran", stored: true });
    expect(new Set(otherRunner.map((other) => other.status))).toEqual(new Set(["busy"]));
    expect(await getRosterImport(job.id)).toMatchObject({ status: "SUCCEEDED", error: null });
  });

  it("leaves a RUNNING import with a live lease alone and reports busy", async () => {
    const zip = await fixtureZip("v1p1-bulk");
    const running = await enqueueRosterImport(input(zip));
    await prisma.rosterImport.update({ where: { id: running.id }, data: { status: "RUNNING", leaseUntil: new Date(Date.now() + LEASE_MS) } });
    const queued = await enqueueRosterImport(input(zip));
    expect(await runNextRosterImport({ leaseMs: LEASE_MS })).toEqual({ status: "busy" });
    expect((await getRosterImport(running.id))!.status).toBe("RUNNING");
    expect((await getRosterImport(queued.id))!.status).toBe("QUEUED");
  });

  it("does not store an outcome over a run that recovery already marked interrupted", async () => {
    const zip = await fixtureZip("v1p1-bulk");
    const job = await enqueueRosterImport(input(zip));
    // A worker that stalled past its lease: recovery marked its run FAILED while it ran.
    const outcome = await runNextRosterImport({
      leaseMs: LEASE_MS,
      onStart: async () => {
        await prisma.$executeRaw`UPDATE "RosterImport" SET "status" = 'FAILED', "error" = 'interrupted (test)' WHERE id = ${job.id}`;
      },
    });
    expect(outcome).toMatchObject({ status: "ran", stored: false });
    expect(await getRosterImport(job.id)).toMatchObject({ status: "FAILED", error: "interrupted (test)" });
  });
});

describe("apply after a dry run", () => {
  it("enqueues an apply of the same file after a succeeded dry run", async () => {
    const zip = await fixtureZip("v1p1-bulk");
    const dry = await enqueueRosterImport(input(zip));
    await runNextRosterImport({ leaseMs: LEASE_MS });
    const apply = await enqueueRosterApply(dry.id, { requestedById: 7, requestedBy: "admin@district.example.org", confirmRemovals: false });
    expect(apply).toMatchObject({ status: "QUEUED", dryRun: false, filePath: zip, fileName: "roster.zip", requestedById: 7, trigger: "CONSOLE" });
  });

  it("refuses to apply a dry run once another import has changed the roster since", async () => {
    const zip = await fixtureZip("v1p1-bulk");
    const dry = await enqueueRosterImport(input(zip));
    await runNextRosterImport({ leaseMs: LEASE_MS });
    await enqueueRosterImport(input(zip, { dryRun: false }));
    await runNextRosterImport({ leaseMs: LEASE_MS });
    const by = { requestedById: 7, requestedBy: "admin", confirmRemovals: false };
    await expect(enqueueRosterApply(dry.id, by)).rejects.toMatchObject({ reason: "stale" });
  });

  it("refuses a run that is not a finished dry run, an unknown run, and a run whose file is gone", async () => {
    const zip = await fixtureZip("v1p1-bulk");
    const queued = await enqueueRosterImport(input(zip));
    const by = { requestedById: 7, requestedBy: "admin", confirmRemovals: false };
    await expect(enqueueRosterApply(queued.id, by)).rejects.toMatchObject({ reason: "not-applicable" });
    await expect(enqueueRosterApply(4242, by)).rejects.toBeInstanceOf(RosterApplyRefusedError);
    const gone = await enqueueRosterImport(input("/nonexistent/gone.zip"));
    await prisma.rosterImport.update({ where: { id: gone.id }, data: { status: "NEEDS_CONFIRMATION" } });
    await expect(enqueueRosterApply(gone.id, by)).rejects.toMatchObject({ reason: "file-gone" });
  });
});
