// The readiness checks (lib/ops/readiness.ts) against a real database, and the metrics and log
// lines of a real rate limit and real roster runs (issue 11, items 1-3).
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { metrics } from "@/lib/ops/metrics";
import { checkReadiness } from "@/lib/ops/readiness";
import { workerOff, workerStarted } from "@/lib/ops/worker-heartbeat";
import { enqueueRosterImport } from "@/lib/roster/jobs/roster-import-jobs";
import { runNextRosterImport } from "@/lib/roster/jobs/roster-import-runner";
import { hitRateLimit } from "@/lib/security/rate-limit";
import { captureLogLines } from "../helpers/capture-logs";
import { metricDeltas, metricValue } from "../helpers/metric-value";
import { fixtureZip, removeScratchDirs } from "../helpers/roster-fixtures";

afterEach(() => workerOff("outbox", "not started in this test"));
afterAll(removeScratchDirs);

describe("readiness", () => {
  it("is ready with the database reachable and every migration applied; the outbox backlog is reported", async () => {
    await prisma.emailOutbox.create({ data: { toAddress: "a@example.com", template: "x", messageId: `<ready-${Date.now()}@t>`, createdAt: new Date(Date.now() - 120_000) } });
    const readiness = await checkReadiness();
    expect(readiness).toMatchObject({ ready: true, database: { ok: true }, migrations: { ok: true, pending: [] }, outboxWorker: { ok: true, state: "off" } });
    expect(readiness.outbox!.mail.queued).toBeGreaterThanOrEqual(1);
    expect(readiness.outbox!.mail.oldestQueuedSeconds).toBeGreaterThanOrEqual(119);
  });

  it("is not ready while the outbox worker of this process is stuck, and ready while it turns", async () => {
    workerStarted("outbox", 60_000);
    expect(await checkReadiness()).toMatchObject({ ready: true, outboxWorker: { state: "running", ok: true } });
    workerStarted("outbox", 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await checkReadiness()).toMatchObject({ ready: false, outboxWorker: { state: "stalled", ok: false } });
  });

  it("is not ready while a migration of this build is missing from the database", async () => {
    const [last] = await prisma.$queryRaw<{ id: string; migration_name: string }[]>`
      SELECT id, migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1`;
    await prisma.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE id = ${last!.id}`;
    try {
      expect(await checkReadiness()).toMatchObject({ ready: false, database: { ok: true }, migrations: { ok: false, pending: [last!.migration_name] } });
    } finally {
      await prisma.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE id = ${last!.id}`;
    }
  });

  it("is not ready when the database cannot be reached, and says so without naming it", async () => {
    const url = process.env.DATABASE_URL!;
    process.env.DATABASE_URL = "postgresql://portal:hunter2-password@127.0.0.1:9/unreachable_db";
    try {
      const readiness = await checkReadiness();
      expect(readiness).toMatchObject({ ready: false, database: { ok: false, error: "unreachable" }, migrations: { ok: false } });
      expect(JSON.stringify(readiness)).not.toMatch(/hunter2|unreachable_db|127\.0\.0\.1|portal/);
    } finally {
      process.env.DATABASE_URL = url;
    }
    expect((await checkReadiness()).ready).toBe(true);
  });
});

describe("metrics and log lines of real work", () => {
  it("a rate limit counts each refused hit under the limit's name", async () => {
    const refused = await metricDeltas({ hits: () => metricValue(metrics.rateLimitHits, { limit: "observability-test:ip" }) });
    const rule = { key: "observability-test:ip:203.0.113.50", limit: 2, windowSeconds: 60 };
    for (let hit = 0; hit < 5; hit += 1) await hitRateLimit(rule);
    expect(await refused()).toEqual({ hits: 3 });
  });

  it("roster runs count by outcome, an applied run's records by entity and change; each run logs its start, phases and end", async () => {
    await prisma.$executeRawUnsafe(`TRUNCATE "RosterImport", "StudentContact", "ParentAccount", "Contact", "Student", "School" RESTART IDENTITY CASCADE`);
    const zip = await fixtureZip("v1p1-bulk");
    const counted = await metricDeltas({
      dryRuns: () => metricValue(metrics.rosterRuns, { outcome: "dry-run" }),
      applied: () => metricValue(metrics.rosterRuns, { outcome: "applied" }),
      studentsAdded: () => metricValue(metrics.rosterRows, { entity: "student", change: "added" }),
      linksAdded: () => metricValue(metrics.rosterRows, { entity: "link", change: "added" }),
    });
    const base = { trigger: "CONSOLE" as const, requestedById: null, requestedBy: "admin@district.example.org", fileName: "roster.zip", filePath: zip, fileBytes: 1, confirmRemovals: false };
    const logs = captureLogLines("info");
    try {
      await enqueueRosterImport({ ...base, dryRun: true });
      expect(await runNextRosterImport()).toMatchObject({ status: "ran" });
      expect(await counted()).toEqual({ dryRuns: 1, applied: 0, studentsAdded: 0, linksAdded: 0 });
      const applied = await enqueueRosterImport({ ...base, dryRun: false });
      expect(await runNextRosterImport()).toMatchObject({ status: "ran", finish: { status: "SUCCEEDED" } });
      const students = await prisma.student.count();
      const links = await prisma.studentContact.count();
      expect(students).toBeGreaterThan(0);
      expect(await counted()).toEqual({ dryRuns: 1, applied: 1, studentsAdded: students, linksAdded: links });
      const lines = logs.lines().filter((line) => line.job === "roster-import" && line.importId === applied.id);
      expect(lines[0]).toMatchObject({ msg: "roster import started", dryRun: false, trigger: "CONSOLE" });
      expect(lines.filter((line) => line.msg === "roster import phase").map((line) => line.phase)).toEqual(expect.arrayContaining(["reading", "merging"]));
      expect(lines.at(-1)).toMatchObject({ msg: "roster import finished", outcome: "applied", stored: true, durationMs: expect.any(Number) });
    } finally {
      logs.restore();
    }
  });
});
