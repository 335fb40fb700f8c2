// "Resend temporary password" for a login waiting for its first sign-in: the parent proves
// who they are again and a new temporary password replaces the old one. The answer is the
// same whether or not anything was sent, so the form reveals nothing about accounts.
import { prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { hitRateLimits } from "@/lib/security/rate-limit";
import { matchKey } from "@/lib/accounts/identity-match";
import { findContactByIdentity } from "@/lib/accounts/find-contact-by-identity";
import { DEFAULT_TEMP_PASSWORD_TTL_HOURS, issueTemporaryPassword } from "@/lib/accounts/issue-temporary-password";
import type { ResendTemporaryPasswordInput } from "@/lib/accounts/account-schemas";

export const RESEND_LIMIT = { attempts: 3, windowSeconds: 60 * 60 };

export type ResendTemporaryPasswordResult = { status: "done" } | { status: "rate_limited"; retryAfterMinutes: number };

export async function resendTemporaryPassword(
  input: ResendTemporaryPasswordInput,
  ctx: { ip: string },
): Promise<ResendTemporaryPasswordResult> {
  const { attempts: limit, windowSeconds } = RESEND_LIMIT;
  const actor = { type: "ANONYMOUS" as const, ip: ctx.ip };
  const details = { studentId: input.studentId, firstName: input.firstName, lastName: input.lastName };
  const rateLimited = (retryAfterSeconds: number, contactIds: number[] = []) =>
    recordAuditEvent(prisma, { actor, action: "parent.temporary-password.resend.failed", contactIds, details: { ...details, reason: "rate_limited" } })
      .then(() => ({ status: "rate_limited" as const, retryAfterMinutes: Math.ceil(retryAfterSeconds / 60) }));

  const first = await hitRateLimits([
    { key: `resend:ip:${ctx.ip}`, limit, windowSeconds },
    { key: `resend:student:${matchKey(input.studentId)}`, limit, windowSeconds },
  ]);
  if (!first.allowed) return rateLimited(first.retryAfterSeconds);

  const match = await findContactByIdentity({ ...input, studentIds: [input.studentId] });
  const account = match.ok ? match.contact.account : null;
  const email = match.ok ? match.contact.email?.trim() : undefined;
  if (!match.ok || !account || account.status !== "PENDING_PASSWORD_CHANGE" || !email) {
    const reason = !match.ok ? match.reason : !account || account.status !== "PENDING_PASSWORD_CHANGE" ? "not_pending" : "no_email_on_record";
    await recordAuditEvent(prisma, {
      actor,
      action: "parent.temporary-password.resend.failed",
      contactIds: match.ok ? [match.contact.id] : [],
      details: { ...details, reason },
    });
    return { status: "done" };
  }
  const perAccount = await hitRateLimits([{ key: `resend:account:${account.id}`, limit, windowSeconds }]);
  if (!perAccount.allowed) return rateLimited(perAccount.retryAfterSeconds, [match.contact.id]);

  const settings = await getDistrictSettings();
  await issueTemporaryPassword({
    contact: { id: match.contact.id, email, preferredLocale: match.contact.preferredLocale },
    username: account.username,
    ttlHours: settings.tempPasswordTtlHours || DEFAULT_TEMP_PASSWORD_TTL_HOURS,
    actor: { type: "PARENT", ip: ctx.ip },
    action: "parent.temporary-password.resend",
    details,
  });
  return { status: "done" };
}
