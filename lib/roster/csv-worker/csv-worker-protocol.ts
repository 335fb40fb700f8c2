// Messages between readCsvRowsInWorker (main thread) and the worker that runs readCsvRows.
import type { CsvRow } from "../read-csv-rows";

/** A call the worker's readCsvRows made on its issue log, and how many rows of the batch came before it. */
export type IssueNote = { at: number; kind: "rowError" | "warning"; file: string; line: number | null; column: string | null; reason: string };

export type StructuralFailure = { file: string; message: string; line: number | null };

export type ToWorker =
  /** Bytes of the file, in order (the ArrayBuffer is transferred). */
  | { type: "chunk"; bytes: ArrayBuffer }
  | { type: "end" }
  | { type: "input-error"; message: string; structural: StructuralFailure | null }
  /** The main thread took a batch: the worker may send one more. */
  | { type: "credit" };

export type FromWorker =
  | { type: "need-input" }
  | { type: "header"; names: string[] }
  | { type: "rows"; batch: RowBatch; notes: IssueNote[] }
  | { type: "done"; notes: IssueNote[] }
  | { type: "failed"; message: string; structural: StructuralFailure | null };

/**
 * A batch of rows. Cloning millions of small arrays between threads costs about as much as
 * parsing them, so rows travel as one string: fields joined by FIELD_SEPARATOR, rows by "\n"
 * (a row the reader passes never holds a line break). A batch where some field holds the
 * separator itself (a control character, stripped later anyway) travels as arrays.
 */
export type RowBatch = { packed: string; lines: Int32Array } | { rows: CsvRow[] };

export const FIELD_SEPARATOR = "\u001f";

export function packRows(rows: readonly CsvRow[]): RowBatch {
  const lines = new Int32Array(rows.length);
  const parts: string[] = new Array<string>(rows.length);
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] as CsvRow;
    for (const field of row.fields) if (field.includes(FIELD_SEPARATOR)) return { rows: [...rows] };
    lines[index] = row.line;
    parts[index] = row.fields.join(FIELD_SEPARATOR);
  }
  return { packed: parts.join("\n"), lines };
}

export function unpackRows(batch: RowBatch): CsvRow[] {
  if ("rows" in batch) return batch.rows;
  if (batch.lines.length === 0) return [];
  return batch.packed.split("\n").map((text, index) => ({ line: batch.lines[index] as number, fields: text.split(FIELD_SEPARATOR) }));
}

/** Batches the worker may have sent ahead of the main thread: bounds memory when the main thread is slower. */
export const BATCHES_IN_FLIGHT = 4;
export const ROWS_PER_BATCH = 2000;
