import type { Readable } from "node:stream";
import { parse, type Options } from "csv-parse";
import { RosterStructuralError, type RosterIssueLog } from "./roster-report";

/** One data row: its fields in header order and the physical line where it starts (header = 1). */
export type CsvRow = { line: number; fields: string[] };

const LINE_BREAK = /\r\n|\r|\n/g;
export const MAX_RECORD_CHARS = 1024 * 1024;

function countLineBreaks(fields: string[]): number {
  let breaks = 0;
  for (const field of fields) if (field.includes("\n") || field.includes("\r")) breaks += field.match(LINE_BREAK)?.length ?? 0;
  return breaks;
}

type ParsedRecord = { line: number; breaks: number; record: string[] };

/**
 * Streams a CSV file's rows with csv-parse (BOM stripped, CRLF or LF, quoted fields) and checks
 * what csv-parse leaves to us: a line break inside a value and a field count different from the
 * header reject that row. Line numbers are counted here because csv-parse counts a CRLF inside
 * quotes twice. The header row is returned first through `onHeader`, which may throw.
 */
export async function* readCsvRows(
  file: string,
  input: Readable,
  issues: RosterIssueLog,
  onHeader: (header: string[]) => void,
): AsyncGenerator<CsvRow> {
  let lastEnd = 0;
  let lastEmpty = 0;
  let drift = 0;
  let unreadable: RosterStructuralError | null = null;
  // Both callbacks run synchronously while parsing, in file order, so the line count is exact
  // even when the consumer is behind.
  const options: Options<ParsedRecord, string[]> = {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // One endless "row" (a file with no line ends, or a runaway value) must not fill memory.
    max_record_size: MAX_RECORD_CHARS,
    on_record: (record, context) => {
      const line = lastEnd + 1 + (context.empty_lines - lastEmpty);
      const breaks = countLineBreaks(record);
      lastEmpty = context.empty_lines;
      lastEnd = line + breaks;
      drift = context.lines - lastEnd;
      return { line, breaks, record };
    },
    on_skip: (err) => {
      const line = lastEnd + 1;
      const end = Math.max(line, Number(err?.lines ?? 0) - drift);
      lastEnd = end;
      // A quote that runs past its line swallows the rows after it into one bad record (or all
      // of them, when it is never closed); in a bulk file those rows would be removed. Fail the
      // file instead of guessing.
      if (err?.code === "CSV_MAX_RECORD_SIZE") {
        unreadable ??= new RosterStructuralError(file, `${file} line ${line}: a row is longer than ${MAX_RECORD_CHARS} characters, so the file can't be read.`, line);
      } else if (err?.code === "CSV_QUOTE_NOT_CLOSED" || end > line) {
        unreadable ??= new RosterStructuralError(file, `${file} line ${line}: a quoted value is never closed on its line, so the rows after it can't be read.`, line);
      } else {
        issues.rowError(file, line, null, "The quotes on this line are not valid CSV (a value with a quote must be quoted, and the quote doubled).");
      }
      return undefined;
    },
  };
  const parser = parse(options as unknown as Options);
  input.on("error", (err) => parser.destroy(err));
  input.pipe(parser);

  let header: string[] | null = null;
  for await (const { line, breaks, record } of parser as AsyncIterable<ParsedRecord>) {
    if (unreadable) continue;
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
  if (unreadable) throw unreadable;
  if (!header) throw new RosterStructuralError(file, `${file} is empty: it needs at least its header row.`);
}

function columnWithBreak(header: string[], record: string[]): string | null {
  const index = record.findIndex((field) => /[\r\n]/.test(field));
  return header[index] ?? null;
}
