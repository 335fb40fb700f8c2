// Inputs of the two-step sign-in actions (setup page, account page, Staff page).
import { z } from "zod";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";

export const sixDigitCodeSchema = z
  .string()
  .transform((value) => value.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code."));

export const enrolmentCodeSchema = z.object({ code: sixDigitCodeSchema });
export const confirmAuthenticatorSchema = z.object({ code: sixDigitCodeSchema });
export const noInputSchema = z.object({}).strict();

/** A fresh second factor for account changes: an authenticator code or a recovery code. */
export const stepUpSchema = z.object({
  kind: z.enum(["totp", "recovery"]),
  code: z.string().trim().min(1, "Enter a code from your authenticator app or a recovery code.").max(32, "That is not a code."),
});

export const issueEnrolmentCodeSchema = z.object({ staffUserId: z.coerce.number().int().positive() });

export const removePasskeySchema = stepUpSchema.extend({ passkeyId: z.coerce.number().int().positive() });

export const finishPasskeySchema = z.object({
  name: z.string().trim().min(1, "Name the passkey, e.g. “Work laptop”.").max(60, "Use at most 60 characters."),
  response: z.string().min(2).max(20_000),
});

// The browser's attestation as @simplewebauthn/browser sends it; the library checks the rest.
const registrationResponseSchema = z.object({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: z.string().max(8192),
    attestationObject: z.string().max(16_384),
    authenticatorData: z.string().max(16_384).optional(),
    transports: z.array(z.string().max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: z.string().max(4096).optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
});

export function parseRegistrationResponse(text: string): RegistrationResponseJSON | null {
  try {
    const parsed = registrationResponseSchema.safeParse(JSON.parse(text));
    return parsed.success ? (parsed.data as RegistrationResponseJSON) : null;
  } catch {
    return null;
  }
}

export const beginPasskeySchema = stepUpSchema;
