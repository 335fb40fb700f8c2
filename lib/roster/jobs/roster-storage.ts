// Where roster packages wait on disk while their runs need them: uploads from the console,
// copies of dropped zips. ROSTER_STORAGE_DIR, default `.data/roster` under the app's working
// directory. Packages hold every student's and parent's data: the folder is 0700, files 0600.
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { chmod, mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

export function rosterStorageDir(): string {
  return path.resolve(process.env.ROSTER_STORAGE_DIR || path.join(process.cwd(), ".data", "roster"));
}

export async function ensureRosterStorageDir(): Promise<string> {
  const dir = rosterStorageDir();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode does not apply to a folder that already existed (or is masked by umask).
  await chmod(dir, 0o700);
  return dir;
}

function timestamp(date = new Date()): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

/** A fresh, unique, not yet existing file path in the storage folder (the folder is created). */
export async function rosterStoragePath(extension = ".zip"): Promise<string> {
  const dir = await ensureRosterStorageDir();
  const safeExtension = /^\.[a-z0-9]{1,8}$/i.test(extension) ? extension : ".zip";
  return path.join(dir, `${timestamp()}-${randomBytes(6).toString("hex")}${safeExtension}`);
}

/** True for a path inside the storage folder (never delete anything else). */
export function isInRosterStorage(filePath: string): boolean {
  const relative = path.relative(rosterStorageDir(), path.resolve(filePath));
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

export class RosterUploadTooLargeError extends Error {
  readonly maxBytes: number;
  constructor(maxBytes: number) {
    super(`The file is larger than the limit of ${Math.floor(maxBytes / 1_048_576)} MB.`);
    this.name = "RosterUploadTooLargeError";
    this.maxBytes = maxBytes;
  }
}

async function* capped(body: AsyncIterable<Uint8Array>, maxBytes: number, counter: { bytes: number }) {
  for await (const chunk of body) {
    counter.bytes += chunk.byteLength;
    if (counter.bytes > maxBytes) throw new RosterUploadTooLargeError(maxBytes);
    yield chunk;
  }
}

/**
 * Streams an upload to a new file in the storage folder without holding it in memory. Stops
 * as soon as more than `maxBytes` arrived and deletes the partial file.
 */
export async function storeRosterUpload(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  options: { maxBytes: number; extension?: string },
): Promise<{ filePath: string; fileBytes: number }> {
  const filePath = await rosterStoragePath(options.extension);
  const source: AsyncIterable<Uint8Array> =
    Symbol.asyncIterator in body ? body : Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>);
  const counter = { bytes: 0 };
  try {
    await pipeline(Readable.from(capped(source, options.maxBytes, counter)), createWriteStream(filePath, { flags: "wx", mode: 0o600 }));
  } catch (error) {
    await rm(filePath, { force: true });
    throw error;
  }
  return { filePath, fileBytes: counter.bytes };
}

/** Deletes a stored package; a missing file is fine, a path outside the storage folder is refused. */
export async function discardRosterPackage(filePath: string): Promise<void> {
  if (!isInRosterStorage(filePath)) throw new Error("Refusing to delete a file outside the roster storage folder");
  await rm(filePath, { force: true });
}
