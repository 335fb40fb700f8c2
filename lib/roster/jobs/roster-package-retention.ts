// Packages hold the whole district's personal data: they do not stay on disk longer than their
// runs need them. A package file goes ROSTER_PACKAGE_RETENTION_DAYS (default 7, at least 1)
// after the last run that used it finished, and never while a run of it is queued or running.
// That keeps a dry run's or a guarded run's file for its "Apply" / "Confirm" for days. Files in
// the storage folder that no run refers to (an upload refused or abandoned) go after a day.
// Runs in the roster worker, not in lib/ops/retention.ts: that job is one database transaction
// under a lock, and these are files on the instance's disk.
import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Prisma } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/db";
import { isInRosterStorage, rosterStorageDir } from "./roster-storage";

const DAY_MS = 86_400_000;
export const DEFAULT_PACKAGE_RETENTION_DAYS = 7;

export function packageRetentionDays(): number {
  const days = Number(process.env.ROSTER_PACKAGE_RETENTION_DAYS);
  return Number.isFinite(days) && days > 0 ? Math.max(1, days) : DEFAULT_PACKAGE_RETENTION_DAYS;
}

export type PackagePurge = { packagesDeleted: number; orphansDeleted: number };

export async function purgeRosterPackages(options: { now?: Date; retentionDays?: number } = {}): Promise<PackagePurge> {
  const now = options.now ?? new Date();
  const days = Math.max(1, options.retentionDays ?? packageRetentionDays());
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const expired = await prisma.$queryRaw<{ filePath: string }[]>`
    SELECT "filePath" FROM "RosterImport"
    GROUP BY "filePath"
    HAVING bool_and("status" IN ('SUCCEEDED', 'NEEDS_CONFIRMATION', 'FAILED') AND "finishedAt" < ${cutoff})`;
  let packagesDeleted = 0;
  for (const { filePath } of expired) {
    // The command runs a file where it lies: only what sits in our storage folder is ours to delete.
    if (!isInRosterStorage(filePath)) continue;
    const existed = await stat(filePath).then(() => true, () => false);
    await rm(filePath, { force: true, recursive: true });
    if (existed) packagesDeleted += 1;
  }
  return { packagesDeleted, orphansDeleted: await purgeOrphans(now) };
}

async function purgeOrphans(now: Date): Promise<number> {
  const dir = rosterStorageDir();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  const candidates = names.map((name) => path.join(dir, name));
  if (candidates.length === 0) return 0;
  const referenced = new Set(
    (
      await prisma.$queryRaw<{ filePath: string }[]>`
        SELECT DISTINCT "filePath" FROM "RosterImport" WHERE "filePath" IN (${Prisma.join(candidates)})`
    ).map((row) => row.filePath),
  );
  let deleted = 0;
  for (const file of candidates) {
    if (referenced.has(file)) continue;
    const info = await stat(file).catch(() => null);
    // ctime too: a dropped zip linked in just now keeps the (maybe old) mtime the SIS gave it.
    if (!info || now.getTime() - Math.max(info.mtimeMs, info.ctimeMs) < DAY_MS) continue;
    await rm(file, { force: true, recursive: true });
    deleted += 1;
  }
  return deleted;
}
