"use server";
// Changes the signed-in staff member's own passphrase and ends their other sessions. A form
// action (FormData in), so the form posts and works before or without JavaScript.
import { staffAction } from "@/lib/actions/safe-action";
import type { ActionResult } from "@/lib/actions/action-result";
import { changeOwnStaffPassphrase } from "@/lib/staff/change-own-staff-passphrase";
import { changeOwnPassphraseSchema } from "@/lib/staff/staff-user-schemas";
import { staffActorOf } from "@/lib/staff/staff-actor";

const changeOwnPassphrase = staffAction(
  { schema: changeOwnPassphraseSchema, permission: "account:change-own-passphrase" },
  (input, ctx) => changeOwnStaffPassphrase(staffActorOf(ctx), ctx.staff.sessionId, input),
);

const field = (data: FormData, name: string) => {
  const value = data.get(name);
  return typeof value === "string" ? value : "";
};

export async function changeOwnPassphraseAction(
  _previous: ActionResult<{ sessionsEnded: number }> | null,
  data: FormData,
): Promise<ActionResult<{ sessionsEnded: number }>> {
  return changeOwnPassphrase({
    currentPassphrase: field(data, "currentPassphrase"),
    newPassphrase: field(data, "newPassphrase"),
    confirmPassphrase: field(data, "confirmPassphrase"),
  });
}
