"use server";
// Makes a one-time code that lets a staff member bind their first authenticator without their
// mailbox (site admins only, after checking who the person is). The code is shown to the admin once.
import { staffAction } from "@/lib/actions/safe-action";
import { staffActorOf } from "@/lib/staff/staff-actor";
import { issueEnrolmentCodeByAdmin } from "@/lib/staff-auth/mfa/enrol-first-authenticator";
import { issueEnrolmentCodeSchema } from "@/lib/staff-auth/mfa/mfa-schemas";

export const issueEnrolmentCodeAction = staffAction({ schema: issueEnrolmentCodeSchema, permission: "staff:manage" }, async (input, ctx) =>
  issueEnrolmentCodeByAdmin(staffActorOf(ctx), input.staffUserId),
);
