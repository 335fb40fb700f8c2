// The console side of a roster import: an upload streamed to the storage folder and queued as
// a dry run (size limit, zip signature, permission, audit), and Apply (removal confirmation,
// once only, audit).
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ActionFailure } from "@/lib/actions/action-result";
import { ForbiddenError } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db";
import { applyRosterImport } from "@/lib/roster/console/apply-roster-import";
import { cleanUploadFileName, receiveRosterUpload, RosterUploadRefusedError } from "@/lib/roster/console/receive-roster-upload";
import type { RosterImportSummary } from "@/lib/roster/import-roster-types";
import type { StaffActor } from "@/lib/staff/staff-actor";
import { buildZip } from "../helpers/build-zip";

const admin: StaffActor = { staffUserId: 1, email: "admin@riverside.example.org", role: "SITE_ADMIN", ip: "192.0.2.1" };
const desk: StaffActor = { staffUserId: 2, email: "desk@riverside.example.org", role: "HELP_DESK", ip: "192.0.2.2" };
const MB = 1024 * 1024;
let storage: string;

/** The body as the route hands it over: a web stream, in chunks of `chunk` bytes. */
function streamOf(data: Buffer, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= data.length) return controller.close();
      controller.enqueue(new Uint8Array(data.subarray(offset, offset + chunk)));
      offset += chunk;
    },
  });
}

const upload = (data: Buffer, fileName: string | null = "sis.zip", declaredBytes: number | null = null) => ({ body: streamOf(data), fileName, declaredBytes });
const storedFiles = () => readdir(storage).catch(() => [] as string[]);

beforeAll(async () => {
  storage = await mkdtemp(path.join(tmpdir(), "roster-console-"));
  vi.stubEnv("ROSTER_STORAGE_DIR", storage);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(storage, { recursive: true, force: true });
});

beforeEach(async () => {
  await prisma.rosterImport.deleteMany();
  await prisma.auditEvent.deleteMany();
  await prisma.districtSettings.upsert({ where: { id: 1 }, create: { id: 1, districtName: "R", supportPhone: "1", supportEmail: "a@b.org", senderAddress: "c@b.org", rosterUploadMaxMb: 1 }, update: { rosterUploadMaxMb: 1 } });
  for (const file of await storedFiles()) await rm(path.join(storage, file), { force: true });
});

describe("receiveRosterUpload", () => {
  it("streams the zip to the storage folder and queues a dry run, audited", async () => {
    const zip = buildZip([{ name: "manifest.csv", data: "propertyName,value\r\n" }, { name: "users.csv", data: "x".repeat(200_000) }]);
    const job = await receiveRosterUpload(admin, upload(zip, "C:\\exports\\Riverside SIS.zip", zip.length));
    expect(job).toMatchObject({ status: "QUEUED", dryRun: true, confirmRemovals: false, trigger: "CONSOLE", requestedById: 1, requestedBy: admin.email, fileName: "Riverside SIS.zip", fileBytes: zip.length });
    expect(path.dirname(job.filePath)).toBe(storage);
    expect(await readFile(job.filePath)).toEqual(zip);
    const [event] = await prisma.auditEvent.findMany();
    expect(event).toMatchObject({ action: "roster.upload", actorId: 1, actorLabel: admin.email });
    expect(event!.details).toEqual({ importId: job.id, fileName: "Riverside SIS.zip", fileBytes: zip.length });
  });

  it("stops past the district's size limit while streaming and deletes the partial file", async () => {
    const big = Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(MB + 10, 1)]);
    const refusal = await receiveRosterUpload(admin, upload(big)).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RosterUploadRefusedError);
    expect(refusal).toMatchObject({ httpStatus: 413, message: expect.stringContaining("upload limit of 1 MB") });
    expect(await storedFiles()).toEqual([]);
    expect(await prisma.rosterImport.count()).toBe(0);
    // A declared length over the limit is refused before a byte is read.
    await expect(receiveRosterUpload(admin, { body: null, fileName: "x.zip", declaredBytes: MB + 1 })).rejects.toMatchObject({ httpStatus: 413 });
    // Exactly at the limit is fine.
    const atLimit = Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(MB - 4, 1)]);
    expect((await receiveRosterUpload(admin, upload(atLimit))).fileBytes).toBe(MB);
  });

  it("refuses what is not a zip (by its first bytes), even split across chunks, and keeps nothing", async () => {
    for (const data of [Buffer.from("sourcedId,status\r\n1,active\r\n"), Buffer.from("PK\x05\x06" + "\0".repeat(18)), Buffer.from("PK"), Buffer.alloc(0)]) {
      await expect(receiveRosterUpload(admin, { body: streamOf(data, 1), fileName: "users.csv", declaredBytes: null })).rejects.toMatchObject({
        httpStatus: 400,
        message: expect.stringContaining("not a zip"),
      });
    }
    const zip = buildZip([{ name: "manifest.csv", data: "a" }]);
    expect((await receiveRosterUpload(admin, { body: streamOf(zip, 1), fileName: "one-byte-chunks.zip", declaredBytes: null })).fileBytes).toBe(zip.length);
    expect(await storedFiles()).toHaveLength(1);
    expect(await prisma.rosterImport.count()).toBe(1);
  });

  it("is for site admins only", async () => {
    await expect(receiveRosterUpload(desk, upload(buildZip([{ name: "manifest.csv", data: "a" }])))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await storedFiles()).toEqual([]);
  });

  it("keeps only the last segment of the file name, without control characters", () => {
    expect(cleanUploadFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanUploadFileName("a\u0000b\r\n.zip")).toBe("ab.zip");
    expect(cleanUploadFileName(null)).toBe("roster.zip");
    expect(cleanUploadFileName("x".repeat(400))).toHaveLength(255);
  });
});

describe("applyRosterImport", () => {
  const counts = { added: 1, changed: 0, removed: 0, restored: 0, unchanged: 0 };
  const share = { active: 10, removing: 5, percent: 50 };
  const summary = (exceeded: boolean): RosterImportSummary => ({
    version: "1.2",
    modes: { orgs: "bulk", users: "bulk", roles: "bulk" },
    schools: counts,
    students: counts,
    contacts: counts,
    links: counts,
    rejected: 0,
    warnings: 0,
    emailChanges: 0,
    examples: { added: [], changed: [], removed: [], rejected: [] },
    removalGuard: { limitPercent: 10, students: share, contacts: share, links: share, exceeded },
    durationMs: 5,
  });

  async function finishedDryRun(exceeded: boolean, status: "SUCCEEDED" | "NEEDS_CONFIRMATION" | "FAILED" = "SUCCEEDED") {
    const job = await receiveRosterUpload(admin, upload(buildZip([{ name: "manifest.csv", data: "a" }])));
    await prisma.rosterImport.update({ where: { id: job.id }, data: { status, finishedAt: new Date(), summary: summary(exceeded) } });
    await prisma.auditEvent.deleteMany();
    return job;
  }

  it("queues an apply of the same package, audited, and only once", async () => {
    const dryRun = await finishedDryRun(false);
    const applied = await applyRosterImport(admin, { importId: dryRun.id, confirmRemovals: false });
    expect(applied).toMatchObject({ status: "QUEUED", dryRun: false, confirmRemovals: false, filePath: dryRun.filePath, fileName: dryRun.fileName, requestedBy: admin.email });
    const [event] = await prisma.auditEvent.findMany();
    expect(event).toMatchObject({ action: "roster.apply", actorId: 1 });
    expect(event!.details).toMatchObject({ importId: applied.id, fromImportId: dryRun.id, confirmRemovals: false });
    await expect(applyRosterImport(admin, { importId: dryRun.id, confirmRemovals: false })).rejects.toMatchObject({ code: "conflict" });
    expect(await prisma.rosterImport.count({ where: { dryRun: false } })).toBe(1);
  });

  it("needs the explicit confirmation when the dry run exceeds the removal guard", async () => {
    for (const [exceeded, status] of [[true, "SUCCEEDED"], [false, "NEEDS_CONFIRMATION"]] as const) {
      const dryRun = await finishedDryRun(exceeded, status);
      const refusal = await applyRosterImport(admin, { importId: dryRun.id, confirmRemovals: false }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(ActionFailure);
      expect((refusal as ActionFailure).fieldErrors).toHaveProperty("confirmRemovals");
      expect(await prisma.rosterImport.count({ where: { dryRun: false, filePath: dryRun.filePath } })).toBe(0);
      expect(await applyRosterImport(admin, { importId: dryRun.id, confirmRemovals: true })).toMatchObject({ dryRun: false, confirmRemovals: true });
    }
  });

  it("refuses runs that cannot be applied, and help desk", async () => {
    const failed = await finishedDryRun(false, "FAILED");
    await expect(applyRosterImport(admin, { importId: failed.id, confirmRemovals: false })).rejects.toMatchObject({ code: "conflict" });
    await expect(applyRosterImport(admin, { importId: 999_999, confirmRemovals: false })).rejects.toMatchObject({ code: "invalid" });
    const dryRun = await finishedDryRun(false);
    await expect(applyRosterImport(desk, { importId: dryRun.id, confirmRemovals: false })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await prisma.rosterImport.count({ where: { dryRun: false } })).toBe(0);
  });
});
