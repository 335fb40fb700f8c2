// What the "Get back into your account" forms may send.
import { z } from "zod";
import { STAFF_PASSPHRASE_MAX_LENGTH } from "@/lib/staff-auth/staff-passphrase-policy";

export const startRecoverySchema = z.object({
  userId: z.string().trim().min(1, "Enter your user ID (your district e-mail address).").max(254, "That is longer than any user ID."),
  reason: z.enum(["forgot", "cant-sign-in"], { error: "Choose why you can't get in." }),
  altcha: z.string().max(8_000).default(""),
});
export type StartRecoveryInput = z.infer<typeof startRecoverySchema>;

export const sendRecoveryCodeSchema = z.discriminatedUnion("method", [
  z.object({ method: z.literal("sms"), phone: z.string().trim().min(1, "Type your full mobile phone number.").max(40, "That is not a phone number.") }),
  z.object({ method: z.literal("email") }),
]);

const sixDigits = z.string().trim().regex(/^\d{6}$/, "Enter the 6-digit code.");

export const checkRecoveryStepSchema = z.discriminatedUnion("method", [
  z.object({ method: z.literal("sms"), code: sixDigits }),
  z.object({ method: z.literal("email"), code: sixDigits }),
  z.object({ method: z.literal("totp"), code: sixDigits }),
  z.object({ method: z.literal("recovery-code"), code: z.string().trim().min(1, "Enter one of your recovery codes.").max(64, "That is not a recovery code.") }),
  z.object({
    method: z.literal("questions"),
    answers: z.record(z.string().max(64), z.string().max(200, "That answer is too long.")).refine((answers) => Object.keys(answers).length <= 5, "Too many answers."),
  }),
]);
export type CheckRecoveryStepInput = z.infer<typeof checkRecoveryStepSchema>;

export const recoveredPassphraseSchema = z
  .object({
    newPassphrase: z.string().min(1, "Choose a new passphrase.").max(STAFF_PASSPHRASE_MAX_LENGTH, `At most ${STAFF_PASSPHRASE_MAX_LENGTH} characters.`),
    confirmation: z.string().max(STAFF_PASSPHRASE_MAX_LENGTH + 1),
  })
  .refine((input) => input.newPassphrase === input.confirmation, { path: ["confirmation"], message: "The two passphrases are not the same." });
