"use server";
// Sends the code that unlocks binding a first authenticator to the person's district mailbox.
import { staffSetupAction } from "@/lib/actions/safe-action";
import { ActionFailure } from "@/lib/actions/action-result";
import { sendEnrolmentCodeToMailbox } from "@/lib/staff-auth/mfa/enrol-first-authenticator";
import { noInputSchema } from "@/lib/staff-auth/mfa/mfa-schemas";

export const sendEnrolmentCodeAction = staffSetupAction({ schema: noInputSchema, step: "enrol-second-factor" }, async (_input, ctx) => {
  const sent = await sendEnrolmentCodeToMailbox({ staffUserId: ctx.staff.staffUserId, email: ctx.staff.email, ip: ctx.ip, sessionId: ctx.staff.sessionId });
  if (!sent.ok && sent.reason === "already-bound") throw new ActionFailure("conflict", "You already have an authenticator app. Manage it on your account page.");
  if (!sent.ok && sent.reason === "locked") {
    throw new ActionFailure("rate_limited", "Codes can't be sent to your mailbox for now because of too many wrong entries. Ask a site admin for an enrolment code.");
  }
  if (!sent.ok) throw new ActionFailure("rate_limited", `No new code can be sent yet. You can ask for another in ${sent.retryAfterSeconds} seconds.`);
  return { sentTo: ctx.staff.email };
});
