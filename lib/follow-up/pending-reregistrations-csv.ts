// The pending re-registrations as CSV rows, read in keyset batches (oldest reset first) so
// an export never holds the whole list in memory, and never exceeds the cap.
import { csvRow, CSV_BOM } from "@/lib/csv/encode-csv";
import type { PendingCursor, PendingFilters } from "@/lib/follow-up/pending-search-params";
import { searchPendingReregistrations, type PendingRow } from "@/lib/follow-up/search-pending-reregistrations";

export const PENDING_EXPORT_ROW_CAP = 100_000;
const BATCH_SIZE = 1000;
const DAY_MS = 86_400_000;

export const PENDING_CSV_HEADER = ["parent", "contact_id", "username", "email", "schools", "reset_at_utc", "reset_by", "days_pending", "notice_resent_at_utc"];

export function pendingCsvLine(row: PendingRow, now: Date): string {
  return csvRow([
    row.parentName,
    row.contactId,
    row.username,
    row.email,
    row.schools.join("; "),
    row.resetAt,
    row.resetBy,
    Math.floor((now.getTime() - row.resetAt.getTime()) / DAY_MS),
    row.noticeResentAt,
  ]);
}

export async function* pendingReregistrationsCsv(filters: PendingFilters, cap = PENDING_EXPORT_ROW_CAP, now = new Date()): AsyncGenerator<string> {
  yield CSV_BOM + csvRow(PENDING_CSV_HEADER);
  let written = 0;
  let after: PendingCursor | undefined;
  while (written < cap) {
    const page = await searchPendingReregistrations(filters, { size: Math.min(BATCH_SIZE, cap - written), after });
    if (page.rows.length === 0) return;
    yield page.rows.map((row) => pendingCsvLine(row, now)).join("");
    written += page.rows.length;
    if (!page.next) return;
    after = page.next;
  }
}
