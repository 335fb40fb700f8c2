"use server";
// Server actions of the Reset Parent Login grid: count a search for "select all matching",
// preview what a reset covers, then reset.
import { z } from "zod";
import { staffAction } from "@/lib/actions/safe-action";
import { previewReset } from "@/lib/parents/preview-reset";
import { resetParentLogins } from "@/lib/parents/reset-parent-logins";
import { describeResetLimits } from "@/lib/parents/reset-limits";
import { matchingSearchSchema, resetSelectionSchema, resolveResetSelection } from "@/lib/parents/reset-selection";
import { countMatchingRows } from "@/lib/parents/search-parents";
import { callerVerificationSchema, verificationPolicy } from "@/lib/parents/caller-verification";
import { getDistrictSettings } from "@/lib/settings/district-settings";

const countSchema = z.object({ search: matchingSearchSchema });
const previewSchema = z.object({ selection: resetSelectionSchema });
const resetSchema = z.object({
  selection: resetSelectionSchema,
  includeOtherRows: z.boolean().default(false),
  // Always checked: nothing ticked is an empty checklist, which the district's rules may refuse.
  verification: callerVerificationSchema.default({ methods: [] }),
});

/**
 * Site admins who selected a whole page of a search the grid counted as "1,000+": how many rows
 * "select all matching" would cover, up to the district's cap (read only, so not audited).
 */
export const countMatchingAction = staffAction({ schema: countSchema, permission: "parents:bulk-reset" }, async (input) => {
  const { bulkResetCap } = await getDistrictSettings();
  return { ...(await countMatchingRows(input.search, bulkResetCap)), cap: bulkResetCap };
});

/** Counts for the confirmation dialog: rows, distinct logins, other rows of the same parents, the staff member's limits, what caller verification to ask. */
export const previewResetAction = staffAction({ schema: previewSchema, permission: "parents:reset" }, async (input, { staff }) => {
  const linkIds = await resolveResetSelection(input.selection, staff.role);
  const [preview, limits, settings] = await Promise.all([previewReset(linkIds), describeResetLimits(staff.staffUserId), getDistrictSettings()]);
  return { ...preview, limits, verification: verificationPolicy(limits.role, preview.parents, settings) };
});

/** Resets the selected parent logins in one transaction and reports the outcome. */
export const resetParentsAction = staffAction({ schema: resetSchema, permission: "parents:reset" }, async (input, { staff, ip }) => {
  const linkIds = await resolveResetSelection(input.selection, staff.role);
  return resetParentLogins({
    linkIds,
    actor: { staffUserId: staff.staffUserId, label: staff.email, ip },
    includeOtherRowsOfSameParents: input.includeOtherRows,
    verification: input.verification,
  });
});
