// Worker thread entry: runs readCsvRows (csv-parse and the line bookkeeping) on bytes the main
// thread sends, and sends back rows in batches with the issues it logged between them. Started
// by read-csv-rows-in-worker.ts; it never touches the database or the package.
import { Readable } from "node:stream";
import { parentPort, workerData } from "node:worker_threads";
import { readCsvRows, type CsvRow } from "../read-csv-rows";
import { RosterStructuralError, type RosterIssueLog } from "../roster-report";
import { BATCHES_IN_FLIGHT, packRows, ROWS_PER_BATCH, type FromWorker, type IssueNote, type ToWorker } from "./csv-worker-protocol";

const port = parentPort;
if (!port) throw new Error("read-csv-rows-worker.ts runs only as a worker thread");
const workerPort = port;
const { file } = workerData as { file: string };
const send = (message: FromWorker) => port.postMessage(message);

const input = new Readable({
  read() {
    send({ type: "need-input" });
  },
});
let credits = BATCHES_IN_FLIGHT;
let creditArrived: (() => void) | null = null;

port.on("message", (message: ToWorker) => {
  if (message.type === "chunk") input.push(Buffer.from(message.bytes));
  else if (message.type === "end") input.push(null);
  else if (message.type === "input-error") {
    const { structural } = message;
    input.destroy(structural ? new RosterStructuralError(structural.file, structural.message, structural.line) : new Error(message.message));
  } else {
    credits += 1;
    creditArrived?.();
    creditArrived = null;
  }
});

let rows: CsvRow[] = [];
let notes: IssueNote[] = [];
const note = (kind: IssueNote["kind"]) => (noteFile: string, line: number | null, column: string | null, reason: string) => {
  notes.push({ at: rows.length, kind, file: noteFile, line, column, reason });
};
const issues: RosterIssueLog = {
  rowError: note("rowError"),
  warning: note("warning"),
  toReport() {
    throw new Error("the worker's issue log only records");
  },
};

async function flush(): Promise<void> {
  while (credits === 0) {
    await new Promise<void>((resolve) => {
      creditArrived = resolve;
    });
  }
  credits -= 1;
  const batch = packRows(rows);
  workerPort.postMessage({ type: "rows", batch, notes } satisfies FromWorker, "lines" in batch ? [batch.lines.buffer as ArrayBuffer] : []);
  rows = [];
  notes = [];
}

async function run(): Promise<void> {
  try {
    for await (const row of readCsvRows(file, input, issues, (names) => send({ type: "header", names }))) {
      rows.push(row);
      if (rows.length === ROWS_PER_BATCH) await flush();
    }
    if (rows.length > 0) await flush();
    send({ type: "done", notes });
  } catch (err) {
    const error = err as Error;
    const structural = err instanceof RosterStructuralError ? { file: err.file, message: err.message, line: err.line } : null;
    send({ type: "failed", message: error.message, structural });
  }
}

void run();
