// One line of an event's details for the table ("reason: password, rows: 3"); the full
// JSON stays one click away.
const MAX_LENGTH = 140;

function short(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value)) return value.length <= 3 ? value.map(short).join(" ") : `${value.length} items`;
  if (typeof value === "object") return Object.keys(value).join(", ");
  return String(value);
}

export function summarizeAuditDetails(details: unknown): string {
  if (details === null || typeof details !== "object" || Array.isArray(details)) return short(details);
  const entries = Object.entries(details as Record<string, unknown>);
  if (entries.length === 0) return "";
  const text = entries.map(([key, value]) => `${key}: ${short(value)}`).join(", ");
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}
