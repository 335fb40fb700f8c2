// What a site admin may save as district settings. Staff email domains arrive as one text
// (comma or line separated) and leave as a clean, lower-case, de-duplicated list.
import { z } from "zod";
import { parseStudentIdSource } from "@/lib/roster/student-id-source";
import { MAX_VERIFICATION_METHODS, VERIFICATION_METHOD_MAX_LENGTH } from "@/lib/parents/caller-verification";

/** The largest bulk reset a district may allow (the grid counts matches up to it for site admins). */
export const MAX_BULK_RESET_CAP = 10_000;

// Labels of 1-63 letters, digits or inner hyphens; at least two labels; an alphabetic TLD.
const DOMAIN_PATTERN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
export const MAX_STAFF_EMAIL_DOMAINS = 20;

export const staffEmailDomainsSchema = z
  .string()
  .max(5000, "This list is too long.")
  .transform((text, ctx) => {
    const domains = text
      .split(/[\s,;]+/)
      .map((domain) => domain.trim().toLowerCase().replace(/^@/, ""))
      .filter(Boolean);
    const invalid = domains.filter((domain) => !DOMAIN_PATTERN.test(domain));
    if (invalid.length > 0) {
      ctx.addIssue({ code: "custom", message: `Not a valid domain name: ${invalid.slice(0, 3).join(", ")}.` });
      return z.NEVER;
    }
    const unique = [...new Set(domains)];
    if (unique.length > MAX_STAFF_EMAIL_DOMAINS) {
      ctx.addIssue({ code: "custom", message: `List at most ${MAX_STAFF_EMAIL_DOMAINS} domains.` });
      return z.NEVER;
    }
    return unique;
  });

/** The reset dialog's checklist of ways a caller may be verified: one entry a line. */
export const callerVerificationMethodsSchema = z
  .string()
  .max(5000, "This list is too long.")
  .transform((text, ctx) => {
    const methods = [...new Set(text.split(/\r?\n/).map((line) => line.trim().replace(/\s+/g, " ")).filter(Boolean))];
    if (methods.length === 0) ctx.addIssue({ code: "custom", message: "List at least one way to verify a caller." });
    else if (methods.length > MAX_VERIFICATION_METHODS) ctx.addIssue({ code: "custom", message: `List at most ${MAX_VERIFICATION_METHODS} ways.` });
    else if (methods.some((method) => method.length > VERIFICATION_METHOD_MAX_LENGTH)) {
      ctx.addIssue({ code: "custom", message: `Keep each line to ${VERIFICATION_METHOD_MAX_LENGTH} characters.` });
    } else return methods;
    return z.NEVER;
  });

const text = (label: string, max: number) =>
  z.string().trim().min(1, `Enter the ${label}.`).max(max, `Use at most ${max} characters.`);
const email = (label: string) => z.string().trim().max(254).pipe(z.email(`Enter a valid ${label}.`));
const whole = (min: number, max: number) =>
  z.coerce
    .number({ error: "Enter a whole number." })
    .int("Enter a whole number.")
    .min(min, `Enter a number from ${min} to ${max}.`)
    .max(max, `Enter a number from ${min} to ${max}.`);

/** Kept as the text the importer reads (lib/roster/student-id-source.ts), trimmed. */
export const studentIdSourceSchema = z
  .string()
  .trim()
  .max(120, "Use at most 120 characters.")
  .refine((value) => parseStudentIdSource(value) !== null, {
    message: "Use identifier, sourcedId, userIds:<Type> (e.g. userIds:Local) or metadata.<column> (e.g. metadata.studentNumber).",
  });

const fieldsSchema = z.object({
  districtName: text("district name", 120),
  portalName: text("portal name", 80),
  supportPhone: text("support phone", 40).regex(/^[0-9+()./\- x]+$/i, "Use digits, spaces and + ( ) - . x only."),
  supportEmail: email("support email address"),
  senderAddress: email("sender email address"),
  staffEmailDomains: staffEmailDomainsSchema,
  parentPasswordMinLength: whole(8, 64),
  staffPassphraseMinLength: whole(12, 64),
  tempPasswordTtlHours: whole(1, 168),
  bulkResetCap: whole(1, MAX_BULK_RESET_CAP),
  helpDeskResetCap: whole(1, 1_000),
  helpDeskResetsPerHour: whole(1, 10_000),
  expiredRecordRetentionDays: whole(1, 365),
  failedAttemptDataRetentionDays: whole(1, 3_650),
  // At least half a year: the trail is what a security officer reads after an incident.
  auditRetentionDays: whole(180, 3_650),
  rosterStudentIdSource: studentIdSourceSchema,
  rosterRemovalGuardPercent: whole(0, 100),
  rosterRemovalGraceDays: whole(0, 365),
  rosterUploadMaxMb: whole(1, 2_048),
  // A checkbox: the browser sends "on" when ticked and nothing otherwise.
  staffSecurityQuestionsEnabled: z.union([z.boolean(), z.string()]).transform((value) => value === true || value === "on" || value === "true"),
  staffSecurityInfoReconfirmDays: whole(30, 1_095),
  // Console two-step sign-in (site admins always need it; lib/staff-auth/mfa/staff-mfa-policy.ts).
  mfaRequiredForHelpDesk: z
    .string()
    .refine((value) => value === "on" || value === "off", "Choose on or off.")
    .transform((value) => value === "on"),
  mfaRememberDays: whole(0, 30),
  callerVerificationMethods: callerVerificationMethodsSchema,
  // Whether help desk must tick a verification before a reset (on/off like the two-step setting).
  callerVerificationRequired: z
    .string()
    .refine((value) => value === "on" || value === "off", "Choose on or off.")
    .transform((value) => value === "on"),
});

export const districtSettingsSchema = fieldsSchema.superRefine((values, ctx) => {
  // A per-call cap above the hourly budget could never be used in full; say so instead.
  if (values.helpDeskResetCap > values.helpDeskResetsPerHour) {
    ctx.addIssue({ code: "custom", path: ["helpDeskResetCap"], message: "Must not exceed the help desk's rows per hour." });
  }
  // Typed data in failed attempts must not outlive the events themselves (they are deleted first).
  if (values.failedAttemptDataRetentionDays > values.auditRetentionDays) {
    ctx.addIssue({ code: "custom", path: ["failedAttemptDataRetentionDays"], message: "Must not exceed the audit event retention." });
  }
});

export type DistrictSettingsInput = z.input<typeof districtSettingsSchema>;
export type DistrictSettingsValues = z.infer<typeof districtSettingsSchema>;
export const DISTRICT_SETTINGS_FIELDS = Object.keys(fieldsSchema.shape) as (keyof DistrictSettingsValues)[];
