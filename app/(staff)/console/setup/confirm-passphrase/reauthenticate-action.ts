"use server";
// "Confirm your passphrase": checks the signed-in person's passphrase and marks their session
// as re-authenticated for the next 10 minutes (security-info changes need it).
import { z } from "zod";
import { staffSetupAction } from "@/lib/actions/safe-action";
import { staffActorOf } from "@/lib/staff/staff-actor";
import { reauthenticateStaff } from "@/lib/staff-auth/reauthentication";

const schema = z.object({ passphrase: z.string().min(1, "Enter your passphrase.").max(256, "Use at most 256 characters.") });

export const reauthenticateAction = staffSetupAction({ schema, step: "register-security-info" }, async (input, ctx) => {
  await reauthenticateStaff(staffActorOf(ctx), ctx.staff.sessionId, input.passphrase);
  return { confirmed: true as const };
});
