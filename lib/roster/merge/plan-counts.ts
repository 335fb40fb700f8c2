// Every merge step first writes a plan (a temp table with one `action` per record), so the
// counts a dry run shows are the very rows the apply statements then touch.
import type pg from "pg";
import type { RosterEntityCounts } from "../import-roster-types";

export type PlanAction = "add" | "change" | "restore" | "remove" | "unchanged" | "none";

export function emptyCounts(): RosterEntityCounts {
  return { added: 0, changed: 0, removed: 0, restored: 0, unchanged: 0 };
}

/** Counts of a plan table's actions ("none": a removal of something already gone). */
export async function countPlan(client: pg.ClientBase, table: string): Promise<RosterEntityCounts> {
  const { rows } = await client.query<{ action: PlanAction; n: number }>(`SELECT action, count(*)::int AS n FROM ${table} GROUP BY action`);
  const counts = emptyCounts();
  for (const { action, n } of rows) {
    if (action === "add") counts.added = n;
    else if (action === "change") counts.changed = n;
    else if (action === "restore") counts.restored = n;
    else if (action === "remove") counts.removed = n;
    else if (action === "unchanged") counts.unchanged = n;
  }
  return counts;
}
