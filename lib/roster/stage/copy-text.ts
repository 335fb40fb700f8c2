// Encoding for PostgreSQL's COPY text format: one line per row, tab between fields, `\N` for
// null, and backslash escapes for the characters that would end a field or a row. Text from an
// SIS can hold any of them (a tab in a name, a quoted line break the reader rejected elsewhere).

const SPECIAL = /[\\\t\n\r\0]/g;
const HAS_SPECIAL = /[\\\t\n\r\0]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\0": "" };

export type CopyValue = string | number | boolean | null | readonly string[];

const QUOTE_OR_BACKSLASH = /[\\"]/;

// Loops and concatenation rather than map and join: a 2M-user import writes 35M fields.

/** A PostgreSQL array literal: every element quoted, so commas, braces and NULL stay text. */
function arrayLiteral(items: readonly string[]): string {
  let literal = "{";
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i]!;
    literal += `${i > 0 ? "," : ""}"${QUOTE_OR_BACKSLASH.test(item) ? item.replace(/[\\"]/g, "\\$&") : item}"`;
  }
  return `${literal}}`;
}

function field(value: CopyValue): string {
  if (value === null) return "\\N";
  const text = Array.isArray(value) ? arrayLiteral(value) : String(value);
  // Most values need no escape; testing first is much cheaper than a replace on every field.
  return HAS_SPECIAL.test(text) ? text.replace(SPECIAL, (character) => ESCAPES[character] ?? character) : text;
}

/** One COPY row, newline included. */
export function copyLine(values: readonly CopyValue[]): string {
  let line = values.length > 0 ? field(values[0]!) : "";
  for (let i = 1; i < values.length; i += 1) line += `\t${field(values[i]!)}`;
  return `${line}\n`;
}
