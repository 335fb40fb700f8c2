// readCsvRows with the parsing on a second core. csv-parse is most of a large import's reading
// time (about 30 of 60 s of CPU for the 4.7M rows of a 1M-student district), and the main thread
// has its own work per row (checks, COPY text). The worker parses while the main thread works:
// the main thread only feeds it the file's bytes and gets back rows in batches, with the issues
// logged between them replayed in order, so the output is exactly readCsvRows'.
// The worker is a TypeScript file loaded with tsx (a dependency: `npm start` runs on it); where
// the file is not at hand, rows are parsed on this thread.
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";
import type { Readable } from "node:stream";
import { Worker } from "node:worker_threads";
import { readCsvRows, type CsvRow } from "../read-csv-rows";
import { RosterStructuralError, type RosterIssueLog } from "../roster-report";
import { unpackRows, type FromWorker, type IssueNote, type StructuralFailure, type ToWorker } from "./csv-worker-protocol";

// From the project root, not import.meta: inside Next.js's server bundle that points into .next.
const WORKER_FILE = path.join(process.cwd(), "lib/roster/csv-worker/read-csv-rows-worker.ts");

// tsx's loader flag (`--import tsx`) does not reach a worker's entry file on every Node.js
// version; its API loads the TypeScript entry the same way everywhere.
const TSX_API = path.join(process.cwd(), "node_modules/tsx/dist/esm/api/index.mjs");
const WORKER_BOOT = `import(${JSON.stringify(pathToFileURL(TSX_API).href)})
  .then((tsx) => tsx.tsImport(${JSON.stringify(pathToFileURL(WORKER_FILE).href)}, ${JSON.stringify(pathToFileURL(WORKER_FILE).href)}))`;

export function canParseInWorker(): boolean {
  return existsSync(WORKER_FILE) && existsSync(TSX_API);
}

function replay(issues: RosterIssueLog, note: IssueNote): void {
  issues[note.kind](note.file, note.line, note.column, note.reason);
}

function failureOf(message: string, structural: StructuralFailure | null): Error {
  return structural ? new RosterStructuralError(structural.file, structural.message, structural.line) : new Error(message);
}

export async function* readCsvRowsInWorker(
  file: string,
  input: Readable,
  issues: RosterIssueLog,
  onHeader: (header: string[]) => void,
): AsyncGenerator<CsvRow> {
  if (!canParseInWorker()) {
    yield* readCsvRows(file, input, issues, onHeader);
    return;
  }
  const worker = new Worker(WORKER_BOOT, { eval: true, workerData: { file } });
  const post = (message: ToWorker, transfer: ArrayBuffer[] = []) => worker.postMessage(message, transfer);
  const inbox: FromWorker[] = [];
  let wake: (() => void) | null = null;
  const deliver = (message: FromWorker) => {
    inbox.push(message);
    wake?.();
    wake = null;
  };
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const feed = async () => {
    try {
      const next = await chunks.next();
      if (next.done) return post({ type: "end" });
      // A copy of its own: a stream's Buffer may share its ArrayBuffer with others.
      const bytes = new Uint8Array(next.value).buffer;
      post({ type: "chunk", bytes }, [bytes]);
    } catch (err) {
      const structural = err instanceof RosterStructuralError ? { file: err.file, message: err.message, line: err.line } : null;
      post({ type: "input-error", message: (err as Error).message, structural });
    }
  };
  worker.on("message", (message: FromWorker) => {
    if (message.type === "need-input") void feed();
    else deliver(message);
  });
  worker.on("error", (err) => deliver({ type: "failed", message: `The CSV reader stopped: ${err.message}`, structural: null }));
  worker.on("exit", (code) => deliver({ type: "failed", message: `The CSV reader exited (${code}).`, structural: null }));

  try {
    for (;;) {
      while (inbox.length === 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      const message = inbox.shift() as FromWorker;
      if (message.type === "header") onHeader(message.names);
      else if (message.type === "failed") throw failureOf(message.message, message.structural);
      else if (message.type === "done") {
        for (const note of message.notes) replay(issues, note);
        return;
      } else if (message.type === "rows") {
        post({ type: "credit" });
        const rows = unpackRows(message.batch);
        let next = 0;
        for (let index = 0; index < rows.length; index++) {
          while (next < message.notes.length && (message.notes[next] as IssueNote).at <= index) replay(issues, message.notes[next++] as IssueNote);
          yield rows[index] as CsvRow;
        }
        while (next < message.notes.length) replay(issues, message.notes[next++] as IssueNote);
      }
    }
  } finally {
    worker.removeAllListeners("exit");
    await worker.terminate();
    input.destroy();
  }
}
