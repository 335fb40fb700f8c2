// A roster package uploaded in the console: streamed to the storage folder (never held in
// memory), refused past the district's size limit or when it is not a zip, then queued as a
// dry run. The request is audited in the transaction that queues it.
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { ActionFailure } from "@/lib/actions/action-result";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma } from "@/lib/db";
import { enqueueRosterImport, type RosterImportJob } from "@/lib/roster/jobs/roster-import-jobs";
import { discardRosterPackage, RosterUploadTooLargeError, storeRosterUpload } from "@/lib/roster/jobs/roster-storage";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { assertStaffPermission, auditActorOf, type StaffActor } from "@/lib/staff/staff-actor";

/** A local file header: every zip an SIS writes starts with it. */
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const BYTES_PER_MB = 1024 * 1024;
const MAX_FILE_NAME_CHARS = 255;

export type RosterUpload = {
  body: ReadableStream<Uint8Array> | null;
  /** The name the browser gave the file (display only: the stored file gets its own name). */
  fileName: string | null;
  /** Content-Length when the client sent one: a larger upload is refused before reading it. */
  declaredBytes: number | null;
};

class NotAZipError extends Error {}

/** A refused upload: the admin's message, and the HTTP status the route answers with. */
export class RosterUploadRefusedError extends ActionFailure {
  constructor(
    public readonly httpStatus: 400 | 413,
    message: string,
    fieldErrors: Record<string, string[]>,
  ) {
    super("invalid", message, fieldErrors);
    this.name = "RosterUploadRefusedError";
  }
}

/** Keeps the last path segment, drops control characters, and clips it. */
export function cleanUploadFileName(name: string | null): string {
  const base = (name ?? "").split(/[/\\]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, MAX_FILE_NAME_CHARS);
  return clean || "roster.zip";
}

/** Passes the bytes through, failing as soon as the first four are not a zip's. */
async function* zipOnly(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let head = Buffer.alloc(0);
  for await (const chunk of body) {
    if (head.length < ZIP_MAGIC.length) {
      head = Buffer.concat([head, Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)]).subarray(0, ZIP_MAGIC.length);
      if (!ZIP_MAGIC.subarray(0, head.length).equals(head)) throw new NotAZipError();
    }
    yield chunk;
  }
  if (head.length < ZIP_MAGIC.length) throw new NotAZipError();
}

function tooLarge(maxMb: number): RosterUploadRefusedError {
  return new RosterUploadRefusedError(413, `The file is larger than the upload limit of ${maxMb} MB (district settings). Nothing was imported.`, {
    file: [`Choose a file of at most ${maxMb} MB.`],
  });
}

/** Stores the upload and queues its dry run; throws ActionFailure with a message for the admin. */
export async function receiveRosterUpload(actor: StaffActor, upload: RosterUpload): Promise<RosterImportJob> {
  assertStaffPermission(actor, "roster:import");
  const { rosterUploadMaxMb } = await getDistrictSettings();
  const maxBytes = rosterUploadMaxMb * BYTES_PER_MB;
  if (upload.declaredBytes !== null && upload.declaredBytes > maxBytes) throw tooLarge(rosterUploadMaxMb);
  if (!upload.body) throw new RosterUploadRefusedError(400, "No file arrived. Choose the roster zip and upload it again.", { file: ["Choose a file."] });
  const fileName = cleanUploadFileName(upload.fileName);

  let stored: { filePath: string; fileBytes: number };
  try {
    const source = Readable.fromWeb(upload.body as NodeReadableStream<Uint8Array>);
    stored = await storeRosterUpload(zipOnly(source), { maxBytes });
  } catch (error) {
    if (error instanceof RosterUploadTooLargeError) throw tooLarge(rosterUploadMaxMb);
    if (error instanceof NotAZipError) {
      throw new RosterUploadRefusedError(400, "This file is not a zip. Upload the OneRoster package as the .zip file your SIS exports.", {
        file: ["Choose a .zip file."],
      });
    }
    throw error;
  }

  try {
    return await prisma.$transaction(async (tx) => {
      const job = await enqueueRosterImport(
        {
          trigger: "CONSOLE",
          requestedById: actor.staffUserId,
          requestedBy: actor.email,
          fileName,
          filePath: stored.filePath,
          fileBytes: stored.fileBytes,
          dryRun: true,
          confirmRemovals: false,
        },
        tx,
      );
      await recordAuditEvent(tx, { actor: auditActorOf(actor), action: "roster.upload", details: { importId: job.id, fileName, fileBytes: stored.fileBytes } });
      return job;
    });
  } catch (error) {
    await discardRosterPackage(stored.filePath);
    throw error;
  }
}
