"use server";
// Server actions of the Reset Parent Login grid: preview what a reset covers, then reset.
import { z } from "zod";
import { staffAction } from "@/lib/actions/safe-action";
import { previewReset } from "@/lib/parents/preview-reset";
import { resetParentLogins } from "@/lib/parents/reset-parent-logins";
import { describeResetLimits } from "@/lib/parents/reset-limits";
import { resetSelectionSchema, resolveResetSelection } from "@/lib/parents/reset-selection";
import { callerVerificationSchema, verificationPolicy } from "@/lib/parents/caller-verification";
import { getDistrictSettings } from "@/lib/settings/district-settings";

const previewSchema = z.object({ selection: resetSelectionSchema });
const resetSchema = z.object({
  selection: resetSelectionSchema,
  includeOtherRows: z.boolean().default(false),
  // Always checked: nothing ticked is an empty checklist, which the district's rules may refuse.
  verification: callerVerificationSchema.default({ methods: [] }),
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
