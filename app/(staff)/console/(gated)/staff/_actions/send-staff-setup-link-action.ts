"use server";
// Staff reset: mails a staff member a one-time link to choose a new passphrase (site admins only).
// The answer says where the link went, never the link itself.
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/actions/safe-action";
import { staffActorOf } from "@/lib/staff/staff-actor";
import { sendStaffSetupLink } from "@/lib/staff-auth/send-staff-setup-link";
import { sendStaffSetupLinkSchema } from "@/lib/staff-auth/staff-setup-schemas";

export const sendStaffSetupLinkAction = staffAction({ schema: sendStaffSetupLinkSchema, permission: "staff:manage" }, async (input, ctx) => {
  const result = await sendStaffSetupLink(staffActorOf(ctx), input);
  revalidatePath("/console/staff");
  return result;
});
