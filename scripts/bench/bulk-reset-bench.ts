// Bulk reset timing: resetParentLogins on N rows of parents whose login is active, whole
// parents at a time (all their rows), so every selected row is really reset by the call.
import { performance } from "node:perf_hooks";
import type pg from "pg";
import { resetParentLogins, type ResetOutcome } from "@/lib/parents/reset-parent-logins";

export interface BulkResetResult {
  requestedRows: number;
  seconds: number;
  rowsPerSecond: number;
  outcome: ResetOutcome;
}

/** Disjoint batches of link ids, each of at most `size` rows (the district's cap), cut at parent boundaries. */
export async function pickBatches(pool: pg.Pool, sizes: number[]): Promise<number[][]> {
  const wanted = sizes.reduce((sum, size) => sum + size, 0);
  const { rows } = await pool.query<{ id: number; contactId: number }>(
    `SELECT sc.id, sc."contactId" FROM "StudentContact" sc
     JOIN "ParentAccount" pa ON pa."contactId" = sc."contactId" AND pa.status = 'ACTIVE'
     WHERE sc."parentKey" >= 'c' COLLATE "C"
     ORDER BY sc."parentKey", sc."contactId", sc.id LIMIT $1`,
    [wanted + sizes.length * 10],
  );
  const batches: number[][] = [];
  let index = 0;
  for (const size of sizes) {
    const batch: number[] = [];
    while (index < rows.length && (batch.length < size || rows[index]!.contactId === rows[index - 1]?.contactId)) {
      batch.push(rows[index]!.id);
      index++;
    }
    // A parent whose rows straddle the size would take the batch over the cap: leave it out.
    while (batch.length > size) {
      const last = rows[index - 1]!.contactId;
      while (rows[index - 1]?.contactId === last && batch.length > 0) {
        batch.pop();
        index--;
      }
    }
    batches.push(batch);
  }
  return batches;
}

export async function timeBulkReset(linkIds: number[], actor: { staffUserId: number; label: string }): Promise<BulkResetResult> {
  const started = performance.now();
  const outcome = await resetParentLogins({ linkIds, actor: { ...actor, ip: "127.0.0.1" } });
  const seconds = (performance.now() - started) / 1000;
  return { requestedRows: linkIds.length, seconds, rowsPerSecond: outcome.resetRows / seconds, outcome };
}
