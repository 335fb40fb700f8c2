import type { Readable } from "node:stream";
import { parse, type Parser } from "csv-parse";
import { RosterStructuralError, type RosterIssueLog } from "./roster-report";
import { withoutServerPaths } from "./without-server-paths";

/** One data row: its fields in header order and the physical line where it starts (header = 1). */
export type CsvRow = { line: number; fields: string[] };

export const MAX_RECORD_CHARS = 1024 * 1024;

const LINE_BREAK = /\r\n|\r|\n/g;
const CRLF = /\r\n/g;

/** A record csv-parse dropped, and how many records it had emitted before it. */
type Skip = { afterRecords: number; code: string | undefined; lines: number };

/**
 * Streams a CSV file's rows with csv-parse (BOM stripped, CRLF or LF, quoted fields) and checks
 * what csv-parse leaves to us: a line break inside a value and a field count different from the
 * header reject that row. Physical line numbers are counted here from the records themselves:
 * csv-parse counts a CRLF inside quotes twice, and asking it for per-record info costs ~40% of
 * the parse. Dropped records (bad quotes) are queued by position and handled in file order.
 * The header row goes to `onHeader`, which may throw.
 */
export async function* readCsvRows(
  file: string,
  input: Readable,
  issues: RosterIssueLog,
  onHeader: (header: string[]) => void,
): AsyncGenerator<CsvRow> {
  const skips: Skip[] = [];
  const parser: Parser = parse({
    bom: true,
    relax_column_count: true,
    // Empty lines come through as [""] so that every physical line is seen here.
    skip_empty_lines: false,
    skip_records_with_error: true,
    // One endless "row" (a file with no line ends, or a runaway value) must not fill memory.
    max_record_size: MAX_RECORD_CHARS,
    on_skip: (err) => {
      skips.push({ afterRecords: parser.info.records, code: err?.code, lines: Number(err?.lines ?? 0) });
      return undefined;
    },
  });
  // A damaged zip entry (bad deflate data, a CRC mismatch) or a failing disk: the file can't be
  // read to its end, so the import fails as a whole with a message a district can act on.
  input.on("error", (err) =>
    parser.destroy(
      err instanceof RosterStructuralError
        ? err
        : new RosterStructuralError(file, `${file} can't be read to its end (${withoutServerPaths(err.message)}): the package may be damaged; export it again.`),
    ),
  );
  input.pipe(parser);

  let records = 0;
  let lastEnd = 0;
  let doubleCounted = 0;
  let unreadable: RosterStructuralError | null = null;
  const takeSkips = () => {
    while (skips.length > 0 && (skips[0]?.afterRecords ?? Infinity) <= records) {
      const skip = skips.shift() as Skip;
      const line = lastEnd + 1;
      const end = Math.max(line, skip.lines - doubleCounted);
      lastEnd = end;
      if (skip.code === "CSV_MAX_RECORD_SIZE") {
        unreadable ??= new RosterStructuralError(file, `${file} line ${line}: a row is longer than ${MAX_RECORD_CHARS} characters, so the file can't be read.`, line);
      } else if (skip.code === "CSV_QUOTE_NOT_CLOSED" || end > line) {
        // A quote that runs past its line swallows the rows after it into one bad record (or
        // all of them); in a bulk file those rows would be removed. Fail the file instead.
        unreadable ??= new RosterStructuralError(file, `${file} line ${line}: a quoted value is never closed on its line, so the rows after it can't be read.`, line);
      } else if (!unreadable) {
        issues.rowError(file, line, null, "The quotes on this line are not valid CSV (a value with a quote must be quoted, and the quote doubled).");
      }
    }
  };

  let header: string[] | null = null;
  for await (const batch of recordBatches(parser))
  for (const record of batch) {
    takeSkips();
    records += 1;
    const line = lastEnd + 1;
    let breaks = 0;
    for (const field of record) {
      if (!field.includes("\n") && !field.includes("\r")) continue;
      breaks += field.match(LINE_BREAK)?.length ?? 0;
      doubleCounted += field.match(CRLF)?.length ?? 0;
    }
    lastEnd = line + breaks;
    if (unreadable || (record.length === 1 && record[0] === "")) continue;
    if (!header) {
      header = record;
      onHeader(record);
      continue;
    }
    if (breaks > 0) {
      issues.rowError(file, line, columnWithBreak(header, record), "A value contains a line break, which OneRoster does not allow.");
      continue;
    }
    if (record.length !== header.length) {
      const reason = record.length > header.length
        ? `This row has ${record.length} fields but the header has ${header.length} (an extra comma?).`
        : `This row has ${record.length} fields but the header has ${header.length}.`;
      issues.rowError(file, line, null, reason);
      continue;
    }
    yield { line, fields: record };
  }
  takeSkips();
  if (unreadable) throw unreadable;
  if (!header) throw new RosterStructuralError(file, `${file} is empty: it needs at least its header row.`);
}

/**
 * The parser's records in the batches it has ready: one await per chunk of input instead of one
 * per record (per-record async iteration of a stream costs about a fifth of reading 2M rows).
 */
async function* recordBatches(parser: Parser): AsyncGenerator<string[][]> {
  let ended = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    wake?.();
    wake = null;
  };
  parser.on("readable", signal);
  parser.on("end", () => {
    ended = true;
    signal();
  });
  parser.on("error", (err: Error) => {
    failure = err;
    signal();
  });
  try {
    for (;;) {
      const batch: string[][] = [];
      let record: string[] | null;
      while ((record = parser.read() as string[] | null) !== null) batch.push(record);
      if (batch.length > 0) {
        yield batch;
        continue;
      }
      if (failure) throw failure;
      if (ended) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    // A consumer that stops early (a structural error) must not leave the file open.
    if (!ended) parser.destroy();
  }
}

function columnWithBreak(header: string[], record: string[]): string | null {
  const index = record.findIndex((field) => /[\r\n]/.test(field));
  return header[index] ?? null;
}
