// RFC 4180 CSV with spreadsheet-formula neutralization: a cell a spreadsheet would run as a
// formula (= + - @, or a leading tab/CR) gets a leading apostrophe, so text typed by
// anyone (a sign-in email, a username) can never execute in the admin's spreadsheet.
export type CsvValue = string | number | bigint | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== "string") return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** Lets Excel recognize UTF-8 (names in Vietnamese and Arabic). */
export const CSV_BOM = "\uFEFF";
