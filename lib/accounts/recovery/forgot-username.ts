// Forgot Username: mails every username of the parent accounts (not awaiting
// re-registration) whose contact uses the address. The answer and its timing are the same
// whether or not such an account exists: the mail is only an outbox insert, and the whole
// request is padded to a fixed minimum duration. A username is not a secret, but it is half
// of the credential: like every other parent-portal credential mail it never goes to a staff
// address (parent-email-policy.ts); such a request is answered as usual, audited, not mailed.
import { prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hitRateLimits } from "@/lib/security/rate-limit";
import { enqueueEmail } from "@/lib/mail/enqueue-email";
import { forgotUsername } from "@/lib/mail/templates/forgot-username";
import type { Locale } from "@/lib/generated/prisma/enums";
import type { AppLocale } from "@/lib/i18n/locales";
import { forgotUsernameLimits, MINIMUM_RESPONSE_MS } from "@/lib/accounts/recovery/recovery-limits";
import { withMinimumDuration } from "@/lib/accounts/recovery/minimum-duration";
import { parentMailRecipient } from "@/lib/accounts/parent-email-policy";
import { getDistrictSettings } from "@/lib/settings/district-settings";

export type ForgotUsernameOutcome = { status: "accepted" } | { status: "rate_limited"; retryAfterSeconds: number };

export interface ForgotUsernameRequest {
  email: string;
  ip: string;
  /** The page's language: the mail reads first in it; else the first account's stored language. */
  locale?: AppLocale;
}

interface MatchingAccount {
  username: string;
  contactId: number;
  email: string;
  preferredLocale: Locale;
}

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

async function usernameReminder({ email, ip, locale }: ForgotUsernameRequest): Promise<ForgotUsernameOutcome> {
  const key = emailKey(email);
  const actor = { type: "ANONYMOUS" as const, ip };
  const limit = await hitRateLimits(forgotUsernameLimits(key, ip));
  if (!limit.allowed) {
    await recordAuditEvent(prisma, { actor, action: "parent.forgot-username.rate-limited" });
    return { status: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
  }
  // lower(email) is indexed (Contact_email_lower_idx).
  const accounts = await prisma.$queryRaw<MatchingAccount[]>`
    SELECT a."username", c."id" AS "contactId", c."email", c."preferredLocale"
    FROM "ParentAccount" a JOIN "Contact" c ON c."id" = a."contactId"
    WHERE lower(c."email") = ${key} AND a."status" <> 'RESET'
    ORDER BY a."id"`;
  const { staffEmailDomains } = await getDistrictSettings();
  // Every row carries the same address (the one typed), so one check decides for all.
  const recipient = parentMailRecipient(accounts[0]?.email, staffEmailDomains);
  await prisma.$transaction(async (tx) => {
    const first = accounts[0];
    if (first && recipient.ok) {
      await enqueueEmail(tx, {
        to: recipient.email,
        locale: locale ?? first.preferredLocale,
        template: forgotUsername,
        params: { usernames: accounts.map((account) => account.username) },
      });
    }
    await recordAuditEvent(tx, {
      actor,
      action: "parent.forgot-username",
      contactIds: accounts.map((account) => account.contactId),
      details: first && !recipient.ok ? { accountsMailed: 0, reason: "staff-email" } : { accountsMailed: accounts.length },
    });
  });
  return { status: "accepted" };
}

export function requestUsernameReminder(
  request: ForgotUsernameRequest,
  options: { minimumMs?: number } = {},
): Promise<ForgotUsernameOutcome> {
  return withMinimumDuration(options.minimumMs ?? MINIMUM_RESPONSE_MS.forgotUsername, () => usernameReminder(request));
}
