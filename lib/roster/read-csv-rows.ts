import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import Papa from "papaparse";
import { RosterStructuralError, type RosterIssueLog } from "./roster-report";
import { withoutServerPaths } from "./without-server-paths";

/**
 * One data row: its fields in header order, the physical line where it starts (header = 1), and
 * whether its part of the file is known to hold no control character (so its fields need no check).
 */
export type CsvRow = { line: number; fields: string[]; plain: boolean };

export const MAX_RECORD_CHARS = 1024 * 1024;

const LINE_BREAK = /\r\n|\r|\n/g;
// Control characters other than line ends (tab is allowed), as lib/roster/roster-row-fields.ts removes them.
const CONTROL_BUT_LINE_ENDS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const BYTE_ORDER_MARK = "\ufeff";

type ParseResult = { data: string[][]; errors: { code: string; row?: number }[]; meta: { cursor: number } };

/**
 * Streams a CSV file's rows (BOM stripped, CRLF or LF as the first line has it, quoted fields)
 * and checks what the parser leaves to us: a line break inside a value, bad quotes and a field
 * count different from the header reject that row. Physical line numbers are counted here from
 * the records themselves. The header row goes to `onHeader`, which may throw.
 *
 * The parser is Papa Parse's core (`Papa.Parser`), fed chunk by chunk: about 3x faster than
 * csv-parse on a district's users.csv (the reading phase of a 2M-row import is bound by it),
 * and driven here so that a row that never ends (a file with no line ends, a runaway value) is
 * refused at MAX_RECORD_CHARS instead of filling memory.
 */
export async function* readCsvRows(
  file: string,
  input: Readable,
  issues: RosterIssueLog,
  onHeader: (header: string[]) => void,
): AsyncGenerator<CsvRow> {
  for await (const batch of readCsvRowBatches(file, input, issues, onHeader)) yield* batch;
}

/**
 * readCsvRows in batches, one per piece of the file read (about 500 rows of users.csv): a
 * district's millions of rows would otherwise each pass through several async generators,
 * a promise per row and layer. A batch is checked as it is iterated, so problems are still
 * reported in line order with the consumer's own; iterate each batch to its end (or stop
 * reading) before asking for the next.
 */
export async function* readCsvRowBatches(
  file: string,
  input: Readable,
  issues: RosterIssueLog,
  onHeader: (header: string[]) => void,
): AsyncGenerator<Iterable<CsvRow>> {
  // A damaged zip entry (bad deflate data, a CRC mismatch) or a failing disk: the file can't be
  // read to its end, so the import fails as a whole with a message a district can act on.
  const unreadableInput = (err: Error) =>
    err instanceof RosterStructuralError
      ? err
      : new RosterStructuralError(file, `${file} can't be read to its end (${withoutServerPaths(err.message)}): the package may be damaged; export it again.`);

  const decoder = new StringDecoder("utf8");
  let parser: Papa.Parser | null = null;
  let pending = "";
  let started = false;
  let nextLine = 1;
  let header: string[] | null = null;

  /**
   * The checked rows of one parsed piece, in file order (a row's problem is reported when the
   * reader reaches it, so the report stays in line order); throws on what makes the file unreadable.
   */
  function* rowsOf(result: ParseResult, piece: { plain: boolean; breaksInFields: boolean }): Generator<CsvRow> {
    const quoteErrors = new Set<number>();
    for (const error of result.errors) {
      if (error.code === "MissingQuotes") {
        const line = nextLine + countBreaks(result.data.slice(0, error.row ?? 0));
        throw new RosterStructuralError(file, `${file} line ${line}: a quoted value is never closed, so the rows after it can't be read.`, line);
      }
      if (error.row !== undefined) quoteErrors.add(error.row);
    }
    for (let index = 0; index < result.data.length; index += 1) {
      const record = result.data[index] as string[];
      const line = nextLine;
      const breaks = piece.breaksInFields ? countBreaks([record]) : 0;
      nextLine = line + breaks + 1;
      if (quoteErrors.has(index)) {
        // A quote that runs past its line swallows the rows after it into one bad record; in a
        // bulk file those rows would be removed. Fail the file instead.
        if (breaks > 0) {
          throw new RosterStructuralError(file, `${file} line ${line}: a quoted value is never closed on its line, so the rows after it can't be read.`, line);
        }
        issues.rowError(file, line, null, "The quotes on this line are not valid CSV (a value with a quote must be quoted, and the quote doubled).");
        continue;
      }
      if (record.length === 1 && record[0] === "") continue;
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
      yield { line, fields: record, plain: piece.plain };
    }
  }

  const tooLong = (line: number) =>
    new RosterStructuralError(file, `${file} line ${line}: a row is longer than ${MAX_RECORD_CHARS} characters, so the file can't be read.`, line);

  const parse = (text: string, last: boolean): Generator<CsvRow> => {
    parser ??= new Papa.Parser({ delimiter: ",", quoteChar: '"', newline: lineEndOf(text) });
    const result = parser.parse(text, 0, !last) as ParseResult;
    pending = last ? "" : text.slice(result.meta.cursor);
    if (pending.length > MAX_RECORD_CHARS) throw tooLong(nextLine + countBreaks(result.data) + result.data.length);
    // Pieces are the stream's chunks (64 KB) plus an unfinished row: only a long piece can hold a long row.
    if (text.length > MAX_RECORD_CHARS) {
      let line = nextLine;
      for (const record of result.data) {
        if (record.reduce((chars, field) => chars + field.length, 0) > MAX_RECORD_CHARS) throw tooLong(line);
        line += countBreaks([record]) + 1;
      }
    }
    // Most pieces have one line end per row and no control character: then no field needs
    // checking for either (about 4 s of CPU over a 2M-row district).
    const consumed = last ? text : text.slice(0, result.meta.cursor);
    const rowEnds = last ? result.data.length - 1 : result.data.length;
    return rowsOf(result, { plain: !CONTROL_BUT_LINE_ENDS.test(consumed), breaksInFields: !hasOnlyRowEnds(consumed, rowEnds) });
  };

  let finished = false;
  try {
    for await (const chunk of input) {
      let text = pending + (typeof chunk === "string" ? chunk : decoder.write(chunk as Buffer));
      if (!started) {
        if (text.length === 0) continue;
        started = true;
        if (text.startsWith(BYTE_ORDER_MARK)) text = text.slice(1);
      }
      // The line end is known once the first line is complete (or too long to be a header).
      if (!parser && !/[\r\n]/.test(text) && text.length <= MAX_RECORD_CHARS) {
        pending = text;
        continue;
      }
      yield parse(text, false);
    }
    const rest = pending + decoder.end();
    const tail = !started && rest.startsWith(BYTE_ORDER_MARK) ? rest.slice(1) : rest;
    if (tail.length > 0) yield parse(tail, true);
    finished = true;
  } catch (error) {
    if (error instanceof RosterStructuralError) throw error;
    throw unreadableInput(error as Error);
  } finally {
    // A consumer that stops early (a structural error) must not leave the file open.
    if (!finished) input.destroy();
  }
  if (!header) throw new RosterStructuralError(file, `${file} is empty: it needs at least its header row.`);
}

/** CRLF or LF (or a lone CR), as the file's first line ends; one line end per file. */
function lineEndOf(text: string): "\r\n" | "\n" | "\r" {
  const end = text.search(/[\r\n]/);
  if (end < 0 || text[end] === "\n") return "\n";
  return text[end + 1] === "\n" ? "\r\n" : "\r";
}

/** True when `text` holds exactly `rowEnds` line ends, all of the file's kind: no value has a line break. */
function hasOnlyRowEnds(text: string, rowEnds: number): boolean {
  const lf = countChar(text, "\n");
  const cr = countChar(text, "\r");
  return (lf === rowEnds && (cr === 0 || cr === rowEnds)) || (lf === 0 && cr === rowEnds);
}

function countChar(text: string, char: string): number {
  let count = 0;
  for (let at = text.indexOf(char); at >= 0; at = text.indexOf(char, at + 1)) count += 1;
  return count;
}

function countBreaks(records: string[][]): number {
  let breaks = 0;
  for (const record of records) {
    for (const field of record) {
      if (field.includes("\n") || field.includes("\r")) breaks += field.match(LINE_BREAK)?.length ?? 0;
    }
  }
  return breaks;
}

function columnWithBreak(header: string[], record: string[]): string | null {
  const index = record.findIndex((field) => /[\r\n]/.test(field));
  return header[index] ?? null;
}
