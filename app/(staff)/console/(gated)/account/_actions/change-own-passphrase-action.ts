"use server";
// Changes the signed-in staff member's own passphrase and ends their other sessions. A form
// action (FormData in), so the form posts and works before or without JavaScript.
import type { z } from "zod";
import { formText } from "@/components/ui/form-text";
import { staffAction } from "@/lib/actions/safe-action";
import { issueDeviceCookie } from "@/lib/auth/issue-device-cookie";
import { publicUrlIsHttps } from "@/lib/config/public-url";
import type { ActionResult } from "@/lib/actions/action-result";
import { changeOwnStaffPassphrase } from "@/lib/staff/change-own-staff-passphrase";
import { changeOwnPassphraseSchema } from "@/lib/staff/staff-user-schemas";
import { staffActorOf } from "@/lib/staff/staff-actor";

const changeOwnPassphrase = staffAction(
  { schema: changeOwnPassphraseSchema, permission: "account:change-own-passphrase" },
  async (input, ctx) => {
    const { sessionsEnded, deviceToken } = await changeOwnStaffPassphrase(staffActorOf(ctx), ctx.staff.sessionId, input);
    await issueDeviceCookie("staff", deviceToken, publicUrlIsHttps());
    return { sessionsEnded };
  },
);

export async function changeOwnPassphraseAction(
  _previous: ActionResult<{ sessionsEnded: number }> | null,
  data: FormData,
): Promise<ActionResult<{ sessionsEnded: number }>> {
  // formText reads anything but a posted form (a hand-made request) as empty fields.
  // The schema checks verificationMethod's value; a posted form only ever holds strings.
  const fields = formText(data, ["currentPassphrase", "newPassphrase", "confirmPassphrase", "verificationMethod", "verificationCode"]);
  return changeOwnPassphrase(fields as z.input<typeof changeOwnPassphraseSchema>);
}
