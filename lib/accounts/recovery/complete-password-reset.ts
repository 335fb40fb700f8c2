// Forgot Password step 3: the new password, in one transaction with the code that earned
// it: the code is spent (single use), setParentPassword stores the hash, activates the
// account, clears failed attempts and lockout, ends every session, queues the "password
// changed" mail and audits; then "parent.password-reset" is audited. Any failure rolls back.
import { prisma } from "@/lib/db";
import type { AppLocale } from "@/lib/i18n/locales";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hitRateLimits } from "@/lib/security/rate-limit";
import { clearSourceFailures } from "@/lib/auth/sign-in-throttle";
import { hashSecret } from "@/lib/security/password-hash";
import { checkPassword, DEFAULT_PASSWORD_MIN_LENGTH, type PasswordViolation } from "@/lib/accounts/password-policy";
import { setParentPassword } from "@/lib/accounts/set-parent-password";
import { lockParentAccount } from "@/lib/accounts/lock-parent-account";
import { usernameKey } from "@/lib/accounts/parent-sign-in";
import { setPasswordLimits } from "@/lib/accounts/recovery/recovery-limits";
import type { ResetGrant } from "@/lib/accounts/recovery/verify-reset-code";

export type CompleteResetOutcome =
  | { status: "done" }
  | { status: "account-reset" }
  /** The code was spent, superseded or the account vanished: start again. */
  | { status: "expired" }
  | { status: "weak-password"; violations: PasswordViolation[]; minLength: number }
  | { status: "rate_limited"; retryAfterSeconds: number };

export interface CompleteResetRequest {
  grant: Pick<ResetGrant, "accountId" | "codeId">;
  newPassword: string;
  ip: string;
  /** The page's language, for the "password changed" mail. */
  locale?: AppLocale;
}

class Rollback extends Error {
  constructor(readonly outcome: CompleteResetOutcome) {
    super(outcome.status);
  }
}

export async function completePasswordReset({ grant, newPassword, ip, locale }: CompleteResetRequest): Promise<CompleteResetOutcome> {
  const limit = await hitRateLimits(setPasswordLimits(ip));
  if (!limit.allowed) return { status: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };

  const account = await prisma.parentAccount.findUnique({ where: { id: grant.accountId }, select: { username: true } });
  if (!account) return { status: "expired" };
  const settings = await prisma.districtSettings.findUnique({ where: { id: 1 }, select: { parentPasswordMinLength: true } });
  const minLength = settings?.parentPasswordMinLength ?? DEFAULT_PASSWORD_MIN_LENGTH;
  // Policy first, so a refused password costs no hash and does not spend the code.
  const violations = checkPassword(newPassword, { username: account.username, minLength });
  if (violations.length > 0) return { status: "weak-password", violations, minLength };
  // The slow hash stays outside the transaction.
  const passwordHash = await hashSecret(newPassword);
  const actor = { type: "PARENT" as const, id: grant.accountId, label: account.username, ip };

  try {
    await prisma.$transaction(async (tx) => {
      // The login row first, as a staff reset does: a reset that lands meanwhile is waited
      // for and then refused; taking the code row first could deadlock against the reset,
      // which locks the login and then supersedes its codes.
      const locked = await lockParentAccount(tx, grant.accountId);
      if (!locked) throw new Rollback({ status: "expired" });
      // Staff reset the login between the code and the new password.
      if (locked.status === "RESET") throw new Rollback({ status: "account-reset" });
      const spent = await tx.passwordResetCode.updateMany({
        where: { id: grant.codeId, parentAccountId: grant.accountId, usedAt: null, supersededAt: null },
        data: { usedAt: new Date() },
      });
      if (spent.count !== 1) throw new Rollback({ status: "expired" });
      const result = await setParentPassword(tx, {
        parentAccountId: grant.accountId,
        newPassword,
        passwordHash,
        actor,
        reason: "forgot-password",
        mailLocale: locale,
      });
      if (!result.ok && result.reason === "account_reset") throw new Rollback({ status: "account-reset" });
      if (!result.ok) throw new Rollback({ status: "weak-password", violations: result.violations, minLength });
      await recordAuditEvent(tx, {
        actor,
        action: "parent.password-reset",
        contactIds: [result.contactId],
        details: { endedSessions: result.endedSessions, emailQueued: result.emailQueued },
      });
    });
  } catch (error) {
    if (error instanceof Rollback) return error.outcome;
    throw error;
  }
  // The throttles of this username no longer protect anything (the old password is gone):
  // let the parent in from the address where they mistyped it.
  await clearSourceFailures("parent", usernameKey(account.username));
  return { status: "done" };
}
