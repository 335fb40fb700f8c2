"use server";
// Sends the code that changing one's passphrase needs, to the registered phone or alternate e-mail.
import { staffAction } from "@/lib/actions/safe-action";
import { sendPassphraseChangeCode } from "@/lib/staff/passphrase-change-code";
import { sendPassphraseChangeCodeSchema } from "@/lib/staff/staff-user-schemas";
import { staffActorOf } from "@/lib/staff/staff-actor";

export const sendPassphraseChangeCodeAction = staffAction(
  { schema: sendPassphraseChangeCodeSchema, permission: "account:change-own-passphrase" },
  async (input, ctx) => sendPassphraseChangeCode(staffActorOf(ctx), input.method),
);
