"use server";
// Sets a staff passphrase through a one-time setup link (no session: the link is the proof).
import { publicAction } from "@/lib/actions/safe-action";
import { completeStaffPassphraseSetup } from "@/lib/staff-auth/complete-staff-passphrase-setup";
import { setStaffPassphraseSchema } from "@/lib/staff-auth/staff-setup-schemas";

const MESSAGES = {
  invalid: "Some fields need attention.",
  error: "Something went wrong. Your passphrase was not changed; please try again.",
};

export const setStaffPassphraseAction = publicAction(
  { schema: setStaffPassphraseSchema, messages: async () => MESSAGES },
  async (input, ctx) => {
    const { email } = await completeStaffPassphraseSetup(input, { ip: ctx.ip });
    return { email };
  },
);
