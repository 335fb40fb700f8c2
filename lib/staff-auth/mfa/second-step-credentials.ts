// What the sign-in second step posts: one answer, parsed once.
import { z } from "zod";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import type { SecondStepAnswer } from "@/lib/staff-auth/mfa/complete-staff-second-step";

export const secondStepCredentials = z.object({
  kind: z.enum(["totp", "recovery", "passkey"]),
  code: z.string().max(64).optional().default(""),
  passkeyResponse: z.string().max(20_000).optional().default(""),
  remember: z.string().max(1).optional().default(""),
});

// The browser's assertion as @simplewebauthn/browser sends it; the library checks the rest.
const passkeyResponseSchema = z.object({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: z.string().max(8192),
    authenticatorData: z.string().max(8192),
    signature: z.string().max(2048),
    userHandle: z.string().max(1024).optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
});

export function parsePasskeyResponse(text: string): AuthenticationResponseJSON | null {
  try {
    const parsed = passkeyResponseSchema.safeParse(JSON.parse(text));
    return parsed.success ? (parsed.data as AuthenticationResponseJSON) : null;
  } catch {
    return null;
  }
}

export function secondStepAnswerOf(input: z.infer<typeof secondStepCredentials>): SecondStepAnswer | null {
  if (input.kind === "passkey") {
    const response = parsePasskeyResponse(input.passkeyResponse);
    return response ? { kind: "passkey", response } : null;
  }
  return input.code.trim() ? { kind: input.kind, code: input.code } : null;
}
