// "Create a new account": a parent with no login, or whose login staff reset, proves who
// they are (student IDs + their name as recorded) and receives a temporary password by mail.
// Every attempt is rate limited (PostgreSQL, shared by all instances) and audited; a failed
// match never says which field was wrong or whether a student ID exists.
import { prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { hitRateLimits, type RateLimitRule } from "@/lib/security/rate-limit";
import { distinctStudentIds } from "@/lib/accounts/identity-match";
import { findContactByIdentity } from "@/lib/accounts/find-contact-by-identity";
import { DEFAULT_TEMP_PASSWORD_TTL_HOURS, issueTemporaryPassword, UsernameTakenError } from "@/lib/accounts/issue-temporary-password";
import { maskEmail } from "@/lib/accounts/mask-email";
import { isPersonalEmail } from "@/lib/accounts/parent-email-policy";
import type { RegisterParentInput } from "@/lib/accounts/account-schemas";

export const REGISTER_LIMIT = { attempts: 5, windowSeconds: 15 * 60 };

export type RegisterParentResult =
  | { status: "registered"; maskedEmail: string }
  | { status: "no_match" }
  | { status: "rate_limited"; retryAfterMinutes: number }
  | { status: "no_email"; supportPhone: string }
  | { status: "staff_email"; supportPhone: string }
  | { status: "username_taken" };

export function registerRateLimitRules(ip: string, studentIds: readonly string[]): RateLimitRule[] {
  const { attempts: limit, windowSeconds } = REGISTER_LIMIT;
  return [
    { key: `register:ip:${ip}`, limit, windowSeconds },
    ...distinctStudentIds(studentIds).map((id) => ({ key: `register:student:${id}`, limit, windowSeconds })),
  ];
}

export async function registerParent(input: RegisterParentInput, ctx: { ip: string }): Promise<RegisterParentResult> {
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
  const email = contact.email?.trim();
  if (!email) {
    await failed("no_email_on_record", [contact.id]);
    return { status: "no_email", supportPhone: settings.supportPhone };
  }
  // A parent who is also an employee must not receive parent mail at a staff mailbox.
  if (!isPersonalEmail(email, settings.staffEmailDomains)) {
    await failed("staff_email_on_record", [contact.id]);
    return { status: "staff_email", supportPhone: settings.supportPhone };
  }
  try {
    await issueTemporaryPassword({
      contact: { id: contact.id, email, preferredLocale: contact.preferredLocale },
      username: input.username,
      ttlHours: settings.tempPasswordTtlHours || DEFAULT_TEMP_PASSWORD_TTL_HOURS,
      actor: { type: "PARENT", ip: ctx.ip },
      action: "parent.register",
      details: { studentIds: input.studentIds, previousStatus: contact.account?.status ?? "NONE" },
    });
  } catch (error) {
    if (!(error instanceof UsernameTakenError)) throw error;
    await failed("username_taken", [contact.id]);
    return { status: "username_taken" };
  }
  return { status: "registered", maskedEmail: maskEmail(email) };
}
