// The drop folder (ROSTER_DROP_DIR): an SIS pushes a zip there (e.g. over SFTP), the worker
// imports it once (an apply, not a dry run) and moves it to processed/ or failed/.
//
// A file is taken only when it is complete: names starting with "." and anything not ending
// in ".zip" are ignored (upload as ".name.zip", "name.zip.part" or "name.zip.tmp", then
// rename), and a .zip must show the same size and modification time on two looks in a row.
//
// Claimed by renaming it into incoming/ (atomic within one file system): when two instances
// look at once, exactly one rename succeeds, the other gets ENOENT. It also takes the file out
// of the folder, so tomorrow's export under the same name is a new file (a claim in PostgreSQL
// keyed by name would have to tell those apart). The job then runs a copy (a hard link when
// possible) in the storage folder, named after the incoming file: that name is the link
// between the file and its run, so any instance can move the file on once the run finished.
import { copyFile, link, mkdir, readdir, rename, stat } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { enqueueRosterImport } from "./roster-import-jobs";
import { ensureRosterStorageDir } from "./roster-storage";

export const DROP_REQUESTED_BY = "drop folder";
/** An incoming file without a run this long after its claim: the claiming worker died before enqueueing. */
const ORPHAN_AFTER_MS = 10 * 60_000;

type Look = { size: number; mtimeMs: number };

export type DropFolder = {
  /** Claims and enqueues each complete new zip; returns the run ids. */
  scan(): Promise<number[]>;
  /** Moves the files of finished runs to processed/ or failed/; returns how many moved. */
  settle(): Promise<number>;
};

function isCandidate(name: string): boolean {
  return !name.startsWith(".") && name.toLowerCase().endsWith(".zip");
}

function stamp(date = new Date()): string {
  return date.toISOString().replace(/[-:]/g, "").replace(".", "-");
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** The storage copy of an incoming file (deterministic, so the run can be found from the file). */
async function storageCopyPath(incomingName: string): Promise<string> {
  return path.join(await ensureRosterStorageDir(), `drop-${incomingName}`);
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (error) {
    if (errorCode(error) !== "EXDEV" && errorCode(error) !== "EPERM") throw error;
    await copyFile(from, to);
  }
}

export function rosterDropFolder(dir: string): DropFolder {
  const root = path.resolve(dir);
  const incoming = path.join(root, "incoming");
  const lastLook = new Map<string, Look>();

  async function claim(name: string, size: number): Promise<number | null> {
    const incomingName = `${stamp()}-${randomBytes(3).toString("hex")}-${name}`;
    const claimed = path.join(incoming, incomingName);
    try {
      await rename(path.join(root, name), claimed);
    } catch (error) {
      if (errorCode(error) === "ENOENT") return null; // another instance took it
      throw error;
    }
    const filePath = await storageCopyPath(incomingName);
    await linkOrCopy(claimed, filePath);
    const job = await enqueueRosterImport({
      trigger: "DROP_FOLDER",
      requestedBy: DROP_REQUESTED_BY,
      fileName: name,
      filePath,
      fileBytes: size,
      dryRun: false,
      confirmRemovals: false,
    });
    return job.id;
  }

  async function scan(): Promise<number[]> {
    await mkdir(incoming, { recursive: true });
    const seen = new Set<string>();
    const ids: number[] = [];
    for (const entry of await readdir(root, { withFileTypes: true })) {
      if (!entry.isFile() || !isCandidate(entry.name)) continue;
      const info = await stat(path.join(root, entry.name)).catch(() => null);
      if (!info) continue;
      seen.add(entry.name);
      const previous = lastLook.get(entry.name);
      lastLook.set(entry.name, { size: info.size, mtimeMs: info.mtimeMs });
      // Still being written (or first seen just now): look again next time.
      if (!previous || previous.size !== info.size || previous.mtimeMs !== info.mtimeMs) continue;
      lastLook.delete(entry.name);
      const id = await claim(entry.name, info.size);
      if (id !== null) ids.push(id);
    }
    for (const name of lastLook.keys()) if (!seen.has(name)) lastLook.delete(name);
    return ids;
  }

  async function settle(): Promise<number> {
    let entries: string[];
    try {
      entries = await readdir(incoming);
    } catch (error) {
      if (errorCode(error) === "ENOENT") return 0;
      throw error;
    }
    let moved = 0;
    for (const name of entries) {
      const file = path.join(incoming, name);
      const run = await prisma.rosterImport.findFirst({
        where: { trigger: "DROP_FOLDER", filePath: await storageCopyPath(name) },
        select: { status: true },
      });
      let target: string | null = null;
      if (!run) {
        const info = await stat(file).catch(() => null);
        // Claimed but never enqueued (the worker died in between): offer it again.
        // (Under its stamped name: a new file of the original name may be there by now.)
        if (info && Date.now() - info.ctimeMs > ORPHAN_AFTER_MS) target = path.join(root, name);
      } else if (run.status === "SUCCEEDED") {
        target = path.join(root, "processed", name);
      } else if (run.status === "FAILED" || run.status === "NEEDS_CONFIRMATION") {
        target = path.join(root, "failed", name);
      }
      if (!target) continue;
      await mkdir(path.dirname(target), { recursive: true });
      try {
        await rename(file, target);
        moved += 1;
      } catch (error) {
        if (errorCode(error) !== "ENOENT") throw error; // another instance moved it
      }
    }
    return moved;
  }

  return { scan, settle };
}
