// "Select all N matching": the ids of every row a search matches, refused above the
// district's cap so a bulk reset never silently covers only part of a search.
import { prisma } from "@/lib/db";
import { ActionFailure } from "@/lib/actions/action-result";
import { searchWhere } from "@/lib/parents/search-page-ids";
import { searchPlan } from "@/lib/parents/search-probes";
import type { ParentSearch } from "@/lib/parents/search-schema";

export async function resolveMatchingLinkIds(search: Pick<ParentSearch, "q" | "letter">, cap: number): Promise<number[]> {
  const rows = await prisma.$queryRaw<{ id: number }[]>`
    SELECT sc.id FROM "StudentContact" sc WHERE ${searchWhere({ removed: false }, searchPlan(search))}
    ORDER BY sc."nameKey", sc.id LIMIT ${cap + 1}`;
  if (rows.length > cap) {
    throw new ActionFailure(
      "invalid",
      `More than ${cap.toLocaleString("en-US")} rows match this search. Narrow the search to reset all matching rows.`,
    );
  }
  if (rows.length === 0) throw new ActionFailure("invalid", "No rows match this search any more.");
  return rows.map((row) => row.id);
}
