// "Create a new account": a parent with no login, or whose login staff reset, proves who
// they are (student IDs + their name as recorded) and receives a temporary password by mail.
// Every attempt is rate limited (PostgreSQL, shared by all instances) and audited; a failed
// match never says which field was wrong or whether a student ID exists, and every answer
// takes the same padded time, so neither does the response time.
import { prisma } from "@/lib/db";
import { metrics } from "@/lib/ops/metrics";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { hitRateLimits } from "@/lib/security/rate-limit";
import { findContactByIdentity } from "@/lib/accounts/find-contact-by-identity";
import {
  DEFAULT_TEMP_PASSWORD_TTL_HOURS,
  issueTemporaryPassword,
  LoginChangedError,
  UsernameTakenError,
} from "@/lib/accounts/issue-temporary-password";
import { maskEmail } from "@/lib/accounts/mask-email";
import { parentMailRecipient } from "@/lib/accounts/parent-email-policy";
import { registerRateLimitRules, SELF_SERVICE_MINIMUM_MS } from "@/lib/accounts/self-service-limits";
import { withMinimumDuration } from "@/lib/accounts/recovery/minimum-duration";
import type { RegisterParentInput } from "@/lib/accounts/account-schemas";
import type { SelfServiceContext } from "@/lib/accounts/self-service-context";

export { REGISTER_LIMIT, REGISTER_STUDENT_CEILING } from "@/lib/accounts/self-service-limits";

export type RegisterParentResult =
  | { status: "registered"; maskedEmail: string }
  | { status: "no_match" }
  | { status: "rate_limited"; retryAfterMinutes: number }
  | { status: "no_email"; supportPhone: string }
  | { status: "staff_email"; supportPhone: string }
  | { status: "username_taken" };

export function registerParent(
  input: RegisterParentInput,
  ctx: SelfServiceContext,
  options: { minimumMs?: number } = {},
): Promise<RegisterParentResult> {
  return withMinimumDuration(options.minimumMs ?? SELF_SERVICE_MINIMUM_MS.register, () => register(input, ctx));
}

async function register(input: RegisterParentInput, ctx: SelfServiceContext): Promise<RegisterParentResult> {
  const anonymous = { type: "ANONYMOUS" as const, label: input.username, ip: ctx.ip };
  // Names are not secrets and help staff explain a failed attempt; passwords never appear.
  const attempt = { username: input.username, studentIds: input.studentIds, firstName: input.firstName, lastName: input.lastName };
  const failed = async (reason: string, contactIds: number[] = []) =>
    recordAuditEvent(prisma, { actor: anonymous, action: "parent.register.failed", contactIds, details: { ...attempt, reason } });

  const limit = await hitRateLimits(registerRateLimitRules(ctx.ip, input.studentIds));
  if (!limit.allowed) {
    await failed("rate_limited");
    return { status: "rate_limited", retryAfterMinutes: Math.ceil(limit.retryAfterSeconds / 60) };
  }

  const match = await findContactByIdentity(input);
  if (!match.ok) {
    await failed(match.reason);
    return { status: "no_match" };
  }
  const { contact } = match;
  // An active login (or one already waiting for its first sign-in) cannot be taken over here.
  if (contact.account && contact.account.status !== "RESET") {
    await failed(`account_${contact.account.status.toLowerCase()}`, [contact.id]);
    return { status: "no_match" };
  }
  const settings = await getDistrictSettings();
  // The identity is proven here, so the parent is told why no mail can go out.
  const recipient = parentMailRecipient(contact.email, settings.staffEmailDomains);
  if (!recipient.ok) {
    await failed(recipient.reason, [contact.id]);
    return { status: recipient.reason === "no_email_on_record" ? "no_email" : "staff_email", supportPhone: settings.supportPhone };
  }
  const { email } = recipient;
  try {
    await issueTemporaryPassword({
      contact: { id: contact.id, email, preferredLocale: contact.preferredLocale },
      mailLocale: ctx.locale,
      username: input.username,
      ttlHours: settings.tempPasswordTtlHours || DEFAULT_TEMP_PASSWORD_TTL_HOURS,
      actor: { type: "PARENT", ip: ctx.ip },
      action: "parent.register",
      details: { studentIds: input.studentIds, previousStatus: contact.account?.status ?? "NONE" },
    });
    // The login left RESET (issueTemporaryPassword re-checks the status under the row lock).
    if (contact.account?.status === "RESET") metrics.reregistrations.inc();
  } catch (error) {
    // Became active or pending meanwhile: refused like an active login found at the match.
    if (error instanceof LoginChangedError) {
      await failed(`account_${error.status.toLowerCase()}`, [contact.id]);
      return { status: "no_match" };
    }
    if (!(error instanceof UsernameTakenError)) throw error;
    await failed("username_taken", [contact.id]);
    return { status: "username_taken" };
  }
  return { status: "registered", maskedEmail: maskEmail(email) };
}
