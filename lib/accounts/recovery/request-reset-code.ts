// Forgot Password step 1: a new six-digit code for the username, mailed to the contact's
// address on record. Unknown usernames, accounts without an address or with a staff address
// (parent-email-policy.ts) and a silently exceeded per-address limit get the same answer,
// the same argon2id hash (of a code thrown away) and the same padded duration, and no mail.
// Accounts awaiting re-registration do get a code: only after a valid code does the flow say
// the login was reset (nothing leaks before).
import { prisma } from "@/lib/db";
import { metrics } from "@/lib/ops/metrics";
import type { AppLocale } from "@/lib/i18n/locales";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hitRateLimit, hitRateLimits } from "@/lib/security/rate-limit";
import { enqueueEmail } from "@/lib/mail/enqueue-email";
import { securityCode } from "@/lib/mail/templates/security-code";
import { usernameKey } from "@/lib/accounts/parent-sign-in";
import { emailKey } from "@/lib/accounts/recovery/forgot-username";
import { parentMailRecipient } from "@/lib/accounts/parent-email-policy";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { generateSecurityCode, hashSecurityCode } from "@/lib/accounts/recovery/security-code";
import { withMinimumDuration } from "@/lib/accounts/recovery/minimum-duration";
import { isCodeIssuingBlocked } from "@/lib/accounts/recovery/code-entry-cap";
import {
  MINIMUM_RESPONSE_MS,
  requestCodeEmailLimit,
  requestCodeLimits,
  SECURITY_CODE_TTL_MINUTES,
} from "@/lib/accounts/recovery/recovery-limits";

const NOT_SENT_REASON = { no_email_on_record: "no-email", staff_email_on_record: "staff-email" } as const;

export type RequestCodeOutcome = { status: "accepted" } | { status: "rate_limited"; retryAfterSeconds: number };

export interface RequestCodeRequest {
  username: string;
  ip: string;
  /** The page's language: the mail reads first in it; else the contact's stored language. */
  locale?: AppLocale;
}

async function requestCode({ username, ip, locale }: RequestCodeRequest): Promise<RequestCodeOutcome> {
  const key = usernameKey(username);
  const anonymous = { type: "ANONYMOUS" as const, label: key.slice(0, 64), ip };
  const limit = await hitRateLimits(requestCodeLimits(key, ip));
  if (!limit.allowed) {
    await recordAuditEvent(prisma, { actor: anonymous, action: "parent.password-reset.rate-limited" });
    return { status: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
  }
  const [account, { staffEmailDomains }] = await Promise.all([
    prisma.parentAccount.findUnique({
      where: { usernameKey: key },
      select: { id: true, username: true, contactId: true, contact: { select: { email: true, preferredLocale: true } } },
    }),
    getDistrictSettings(),
  ]);
  // Hash on every path: skipping it for unknown usernames would be visible in the timing.
  const code = generateSecurityCode();
  const codeHash = await hashSecurityCode(code);
  const recipient = parentMailRecipient(account?.contact.email, staffEmailDomains);

  if (!account || !recipient.ok) {
    await recordAuditEvent(prisma, {
      actor: anonymous,
      action: "parent.password-reset.code-not-sent",
      contactIds: account ? [account.contactId] : [],
      details: { reason: account && !recipient.ok ? NOT_SENT_REASON[recipient.reason] : "unknown-username" },
    });
    return { status: "accepted" };
  }
  const { email } = recipient;
  const actor = { type: "PARENT" as const, id: account.id, label: account.username, ip };
  const silentRefusal = (await isCodeIssuingBlocked(account.id))
    ? "wrong-code-cap"
    : !(await hitRateLimit(requestCodeEmailLimit(emailKey(email)))).allowed
      ? "email-rate-limited"
      : null;
  if (silentRefusal) {
    await recordAuditEvent(prisma, {
      actor,
      action: "parent.password-reset.code-not-sent",
      contactIds: [account.contactId],
      details: { reason: silentRefusal },
    });
    return { status: "accepted" };
  }
  await prisma.$transaction(async (tx) => {
    const now = new Date();
    // A new code makes every older one useless.
    await tx.passwordResetCode.updateMany({
      where: { parentAccountId: account.id, usedAt: null, supersededAt: null },
      data: { supersededAt: now },
    });
    await tx.passwordResetCode.create({
      data: { parentAccountId: account.id, codeHash, expiresAt: new Date(now.getTime() + SECURITY_CODE_TTL_MINUTES * 60_000) },
    });
    await enqueueEmail(tx, {
      to: email,
      locale: locale ?? account.contact.preferredLocale,
      template: securityCode,
      params: { code, validMinutes: SECURITY_CODE_TTL_MINUTES },
    });
    await recordAuditEvent(tx, { actor, action: "parent.password-reset.code-sent", contactIds: [account.contactId] });
  });
  metrics.securityCodes.inc({ purpose: "parent-password-reset" });
  return { status: "accepted" };
}

export function requestPasswordResetCode(
  request: RequestCodeRequest,
  options: { minimumMs?: number } = {},
): Promise<RequestCodeOutcome> {
  return withMinimumDuration(options.minimumMs ?? MINIMUM_RESPONSE_MS.requestCode, () => requestCode(request));
}
