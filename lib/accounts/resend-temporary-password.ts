// "Resend temporary password" for a login waiting for its first sign-in: the parent proves
// who they are again and a new temporary password replaces the old one. The answer is the
// same whether or not anything was sent, and so is its (padded) duration, so the form
// reveals nothing about accounts. Like registration, it never mails a staff address.
import { prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { hitRateLimits } from "@/lib/security/rate-limit";
import { findContactByIdentity } from "@/lib/accounts/find-contact-by-identity";
import { DEFAULT_TEMP_PASSWORD_TTL_HOURS, issueTemporaryPassword, LoginChangedError } from "@/lib/accounts/issue-temporary-password";
import { parentMailRecipient } from "@/lib/accounts/parent-email-policy";
import { resendAccountLimit, resendRateLimitRules, SELF_SERVICE_MINIMUM_MS } from "@/lib/accounts/self-service-limits";
import { withMinimumDuration } from "@/lib/accounts/recovery/minimum-duration";
import type { ResendTemporaryPasswordInput } from "@/lib/accounts/account-schemas";
import type { SelfServiceContext } from "@/lib/accounts/self-service-context";

export { RESEND_LIMIT, RESEND_STUDENT_CEILING } from "@/lib/accounts/self-service-limits";

export type ResendTemporaryPasswordResult = { status: "done" } | { status: "rate_limited"; retryAfterMinutes: number };

export function resendTemporaryPassword(
  input: ResendTemporaryPasswordInput,
  ctx: SelfServiceContext,
  options: { minimumMs?: number } = {},
): Promise<ResendTemporaryPasswordResult> {
  return withMinimumDuration(options.minimumMs ?? SELF_SERVICE_MINIMUM_MS.resend, () => resend(input, ctx));
}

async function resend(input: ResendTemporaryPasswordInput, ctx: SelfServiceContext): Promise<ResendTemporaryPasswordResult> {
  const actor = { type: "ANONYMOUS" as const, ip: ctx.ip };
  const details = { studentId: input.studentId, firstName: input.firstName, lastName: input.lastName };
  const notSent = (reason: string, contactIds: number[] = []) =>
    recordAuditEvent(prisma, { actor, action: "parent.temporary-password.resend.failed", contactIds, details: { ...details, reason } });
  const rateLimited = async (retryAfterSeconds: number, contactIds: number[] = []) => {
    await notSent("rate_limited", contactIds);
    return { status: "rate_limited" as const, retryAfterMinutes: Math.ceil(retryAfterSeconds / 60) };
  };

  const first = await hitRateLimits(resendRateLimitRules(ctx.ip, input.studentId));
  if (!first.allowed) return rateLimited(first.retryAfterSeconds);

  const match = await findContactByIdentity({ ...input, studentIds: [input.studentId] });
  if (!match.ok) {
    await notSent(match.reason);
    return { status: "done" };
  }
  const { contact } = match;
  const account = contact.account;
  if (!account || account.status !== "PENDING_PASSWORD_CHANGE") {
    await notSent("not_pending", [contact.id]);
    return { status: "done" };
  }
  const settings = await getDistrictSettings();
  const recipient = parentMailRecipient(contact.email, settings.staffEmailDomains);
  if (!recipient.ok) {
    await notSent(recipient.reason, [contact.id]);
    return { status: "done" };
  }
  // Silent, like the per-recipient limit of Forgot Password: answering "too many" here, and
  // only here, would tell a stranger that this name matches a login awaiting its first sign-in.
  const perAccount = await hitRateLimits([resendAccountLimit(account.id)]);
  if (!perAccount.allowed) {
    await notSent("account-rate-limited", [contact.id]);
    return { status: "done" };
  }

  try {
    await issueTemporaryPassword({
      contact: { id: contact.id, email: recipient.email, preferredLocale: contact.preferredLocale },
      mailLocale: ctx.locale,
      username: account.username,
      ttlHours: settings.tempPasswordTtlHours || DEFAULT_TEMP_PASSWORD_TTL_HOURS,
      actor: { type: "PARENT", ip: ctx.ip },
      action: "parent.temporary-password.resend",
      details,
    });
  } catch (error) {
    // Staff reset the login (or the parent chose a password) meanwhile: that change stands.
    if (!(error instanceof LoginChangedError)) throw error;
    await notSent("not_pending", [contact.id]);
  }
  return { status: "done" };
}
