// Which rows a reset (or its preview) covers: ids picked on a page, or every row matching a
// search (site admins only, capped by the district's bulkResetCap). Parsed strictly: a
// malformed bulk request must fail, never widen to "all". How many rows a reset may cover
// (per call, per hour) is decided by resetParentLogins itself (reset-limits.ts).
import { z } from "zod";
import { ActionFailure } from "@/lib/actions/action-result";
import { hasPermission } from "@/lib/auth/permissions";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { linkIdsSchema } from "@/lib/parents/reset-parent-logins";
import { resolveMatchingLinkIds } from "@/lib/parents/resolve-matching-links";
import { MAX_QUERY_LENGTH } from "@/lib/parents/search-schema";
import { getDistrictSettings } from "@/lib/settings/district-settings";

/** Rows picked by hand: two pages of 100 at most (whole families may add a few more). */
export const MAX_SELECTED_IDS = 200;

/** The search "select all matching" stands for: the typed query and the letter, nothing else. */
export const matchingSearchSchema = z.object({
  q: z.string().trim().max(MAX_QUERY_LENGTH),
  letter: z.union([z.literal("all"), z.string().regex(/^[A-Z]$/)]),
});

export type MatchingSearch = z.infer<typeof matchingSearchSchema>;

export const resetSelectionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ids"), linkIds: linkIdsSchema(MAX_SELECTED_IDS) }),
  z.object({ kind: z.literal("matching"), search: matchingSearchSchema }),
]);

export type ResetSelection = z.infer<typeof resetSelectionSchema>;
export type ResetSelectionInput = z.input<typeof resetSelectionSchema>;

/** The link ids a selection stands for, after checking the role may use that kind of selection. */
export async function resolveResetSelection(selection: ResetSelection, role: StaffRole): Promise<number[]> {
  if (selection.kind === "ids") return selection.linkIds;
  if (!hasPermission(role, "parents:bulk-reset")) {
    throw new ActionFailure("forbidden", "Only site admins may reset every matching row at once.");
  }
  const { bulkResetCap } = await getDistrictSettings();
  return resolveMatchingLinkIds(selection.search, bulkResetCap);
}
