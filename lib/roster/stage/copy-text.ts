// Encoding for PostgreSQL's COPY text format: one line per row, tab between fields, `\N` for
// null, and backslash escapes for the characters that would end a field or a row. Text from an
// SIS can hold any of them (a tab in a name, a quoted line break the reader rejected elsewhere).

const SPECIAL = /[\\\t\n\r\0]/g;
const HAS_SPECIAL = /[\\\t\n\r\0]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\0": "" };

export type CopyValue = string | number | boolean | null | readonly string[];

/** A PostgreSQL array literal: every element quoted, so commas, braces and NULL stay text. */
function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/[\\"]/g, "\\$&")}"`).join(",")}}`;
}

function field(value: CopyValue): string {
  if (value === null) return "\\N";
  const text = Array.isArray(value) ? arrayLiteral(value) : String(value);
  // Most values need no escape; testing first is much cheaper than a replace on every field.
  return HAS_SPECIAL.test(text) ? text.replace(SPECIAL, (character) => ESCAPES[character] ?? character) : text;
}

/** One COPY row, newline included. */
export function copyLine(values: readonly CopyValue[]): string {
  return `${values.map(field).join("\t")}\n`;
}
