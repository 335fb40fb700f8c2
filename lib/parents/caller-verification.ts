// How the caller was verified before a reset (help desks are the first target of social
// engineering): ticks from the district's checklist, an optional ticket number, and for a
// site admin's bulk reset a required reason. Parsed at the edge, checked against the
// district's settings inside the reset's transaction, stored in the reset's audit event.
import { z } from "zod";
import { ActionFailure } from "@/lib/actions/action-result";
import { hasPermission } from "@/lib/auth/permissions";
import type { StaffRole } from "@/lib/generated/prisma/enums";

export const MAX_VERIFICATION_METHODS = 12;
export const VERIFICATION_METHOD_MAX_LENGTH = 200;
export const TICKET_MAX_LENGTH = 64;
export const REASON_MAX_LENGTH = 500;

/** The district's checklist until a site admin edits it (same as the column's default). */
export const DEFAULT_VERIFICATION_METHODS = [
  "Caller gave the child's student ID and school",
  "Called back the phone number on record",
  "In person with photo ID",
  "Parent's request in writing from the address on record",
];

const blankToUndefined = (value: string) => value || undefined;

// C0/C1 controls (line breaks too: a reason is one line) and the bidirectional marks, embeddings,
// overrides and isolates.
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export const callerVerificationSchema = z.object({
  methods: z
    .array(z.string().trim().min(1).max(VERIFICATION_METHOD_MAX_LENGTH))
    .max(MAX_VERIFICATION_METHODS)
    .default([])
    .transform((methods) => [...new Set(methods)]),
  ticket: z
    .string()
    .trim()
    .max(TICKET_MAX_LENGTH, `Use at most ${TICKET_MAX_LENGTH} characters.`)
    .regex(/^[\p{L}\p{N} #._:/-]*$/u, "Use letters, digits, spaces and # . _ : / - only.")
    .transform(blankToUndefined)
    .optional(),
  // Control and bidirectional-override characters would make the audit trail read otherwise than stored.
  reason: z
    .string()
    .transform((text) => text.replace(UNSAFE_TEXT, " ").trim())
    .pipe(z.string().max(REASON_MAX_LENGTH, `Use at most ${REASON_MAX_LENGTH} characters.`))
    .transform(blankToUndefined)
    .optional(),
});

export type CallerVerificationInput = z.input<typeof callerVerificationSchema>;
export type CallerVerification = z.infer<typeof callerVerificationSchema>;

/** What the reset dialog must ask for, given who resets and how many parents the reset covers. */
export interface VerificationPolicy {
  methods: string[];
  methodRequired: boolean;
  reasonRequired: boolean;
}

export interface VerificationSettings {
  callerVerificationMethods: string[];
  callerVerificationRequired: boolean;
}

/** A bulk reset is a site admin's reset of more than one parent: it needs a reason (e.g. an incident number). */
export function verificationPolicy(role: StaffRole, parents: number, settings: VerificationSettings | null): VerificationPolicy {
  const bulkResetter = hasPermission(role, "parents:bulk-reset");
  return {
    methods: settings?.callerVerificationMethods ?? DEFAULT_VERIFICATION_METHODS,
    methodRequired: !bulkResetter && (settings?.callerVerificationRequired ?? true),
    reasonRequired: bulkResetter && parents > 1,
  };
}

/** The record for the audit event, or an ActionFailure with field errors naming what is missing. */
export function assertCallerVerification(verification: CallerVerification | undefined, policy: VerificationPolicy): CallerVerification {
  const given = verification ?? { methods: [] };
  const fieldErrors: Record<string, string[]> = {};
  const unknown = given.methods.filter((method) => !policy.methods.includes(method));
  if (unknown.length > 0) fieldErrors["verification.methods"] = ["Choose from the district's checklist (it may have changed: reopen the dialog)."];
  else if (policy.methodRequired && given.methods.length === 0) fieldErrors["verification.methods"] = ["Tick how the caller was verified."];
  if (policy.reasonRequired && !given.reason) fieldErrors["verification.reason"] = ["Give the reason for this bulk reset (e.g. an incident number)."];
  if (Object.keys(fieldErrors).length > 0) {
    throw new ActionFailure("invalid", Object.values(fieldErrors)[0]![0]!, fieldErrors);
  }
  return { methods: given.methods, ...(given.ticket ? { ticket: given.ticket } : {}), ...(given.reason ? { reason: given.reason } : {}) };
}
