// The audit trail as CSV rows, read in keyset batches so an export never holds the whole
// result in memory, and never exceeds AUDIT_EXPORT_ROW_CAP rows. Each row carries the request
// id of the HTTP request that caused it, to find that request's lines in the JSON log.
import { csvRow, CSV_BOM } from "@/lib/csv/encode-csv";
import { recordedVerification } from "@/lib/audit/recorded-verification";
import { searchAuditEvents, type AuditEventRow, type AuditSearchFilters } from "@/lib/audit/search-audit-events";

export const AUDIT_EXPORT_ROW_CAP = 100_000;
const BATCH_SIZE = 1000;

export const AUDIT_CSV_HEADER = ["id", "time_utc", "actor_type", "actor_id", "actor", "action", "ip", "parent_contact_ids", "details", "caller_verification", "ticket", "reason", "request_id"];

/** The caller verification of a reset event as three cells (empty for other events). */
function verificationCells(details: unknown): [string, string, string] {
  const verification = recordedVerification(details);
  return [verification?.methods.join("; ") ?? "", verification?.ticket ?? "", verification?.reason ?? ""];
}

export function auditEventCsvLine(row: AuditEventRow): string {
  return csvRow([
    row.id,
    row.at,
    row.actorType,
    row.actorId,
    row.actorLabel,
    row.action,
    row.ip,
    row.contactIds.join(" "),
    JSON.stringify(row.details ?? {}),
    ...verificationCells(row.details),
    // Last, so the columns before keep their places: finds the request's lines in the JSON log.
    row.requestId,
  ]);
}

/** Yields the BOM + header, then one chunk per batch; stops at the cap. */
export async function* auditEventsCsv(filters: AuditSearchFilters, cap = AUDIT_EXPORT_ROW_CAP): AsyncGenerator<string> {
  yield CSV_BOM + csvRow(AUDIT_CSV_HEADER);
  let written = 0;
  let cursor: AuditEventRow | undefined;
  while (written < cap) {
    const size = Math.min(BATCH_SIZE, cap - written);
    const page = await searchAuditEvents(filters, { size, cursor: cursor && { ...cursor, direction: "after" } });
    if (page.rows.length === 0) return;
    yield page.rows.map(auditEventCsvLine).join("");
    written += page.rows.length;
    cursor = page.rows[page.rows.length - 1];
    if (!page.hasOlder) return;
  }
}
