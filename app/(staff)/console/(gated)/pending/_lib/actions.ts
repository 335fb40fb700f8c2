"use server";
// Server action of the pending re-registration page: resend the reset notice.
import { z } from "zod";
import { staffAction } from "@/lib/actions/safe-action";
import { resendIdsSchema, resendResetNotices } from "@/lib/follow-up/resend-reset-notices";
import { staffActorOf } from "@/lib/staff/staff-actor";

const resendSchema = z.object({ ids: resendIdsSchema });

/** Resends the reset notice to the selected pending parents (at most once per contact per 24 hours). */
export const resendResetNoticesAction = staffAction({ schema: resendSchema, permission: "parents:reset" }, async (input, ctx) =>
  resendResetNotices(staffActorOf(ctx), input.ids),
);
