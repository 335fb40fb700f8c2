// Forgot Password, the other way out of step 3: "Keep my current password and unlock". The
// security code is the proof: only the grant a valid code earned (the signed "verified"
// stage) reaches here, and the code is spent in the same transaction, so a grant unlocks
// once and a code-less path (username only, a guessed code, a replayed grant) never does.
// One transaction: the login row locked first (as a staff reset does), the code spent, the
// account-wide failure count and lock cleared, every address's throttle of the username
// cleared, the confirmation mail queued, the audit event written.
import { prisma, type Tx } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { clearSourceFailuresOf, currentLockState } from "@/lib/auth/sign-in-throttle";
import { hitRateLimits } from "@/lib/security/rate-limit";
import { enqueueEmail } from "@/lib/mail/enqueue-email";
import { accountUnlocked } from "@/lib/mail/templates/account-unlocked";
import { isLocale, type AppLocale } from "@/lib/i18n/locales";
import { lockParentAccount } from "@/lib/accounts/lock-parent-account";
import { setPasswordLimits } from "@/lib/accounts/recovery/recovery-limits";
import type { ResetGrant } from "@/lib/accounts/recovery/verify-reset-code";

export type UnlockOutcome =
  | { status: "unlocked" }
  | { status: "account-reset" }
  /** The code was spent or superseded, or the login vanished: start again. */
  | { status: "expired" }
  /** Waiting for its first password, or disabled: only a new password (or the school) helps. */
  | { status: "not-active" }
  | { status: "rate_limited"; retryAfterSeconds: number };

export interface UnlockRequest {
  grant: Pick<ResetGrant, "accountId" | "codeId">;
  ip: string;
  /** The page's language, for the confirmation mail. */
  locale?: AppLocale;
}

class Rollback extends Error {
  constructor(readonly outcome: UnlockOutcome) {
    super(outcome.status);
  }
}

async function unlock(tx: Tx, { grant, ip, locale }: UnlockRequest): Promise<void> {
  const locked = await lockParentAccount(tx, grant.accountId);
  if (!locked) throw new Rollback({ status: "expired" });
  if (locked.status === "RESET") throw new Rollback({ status: "account-reset" });
  const account = await tx.parentAccount.findUniqueOrThrow({
    where: { id: grant.accountId },
    include: { contact: { select: { email: true, preferredLocale: true } } },
  });
  if (account.status !== "ACTIVE" || !account.passwordHash || account.disabledAt) throw new Rollback({ status: "not-active" });
  const spent = await tx.passwordResetCode.updateMany({
    where: { id: grant.codeId, parentAccountId: grant.accountId, usedAt: null, supersededAt: null },
    data: { usedAt: new Date() },
  });
  if (spent.count !== 1) throw new Rollback({ status: "expired" });

  const before = currentLockState(account);
  await tx.parentAccount.update({
    where: { id: account.id },
    data: { failedAttempts: 0, failureWindowStartedAt: null, lockedUntil: null },
  });
  // Only the unlocking address's throttle: the password stays, so an address that was guessing it
  // stays throttled (choosing a new password clears them all).
  const addressThrottlesCleared = await clearSourceFailuresOf("parent", account.usernameKey, ip, tx);
  const email = account.contact.email?.trim();
  if (email) {
    await enqueueEmail(tx, {
      to: email,
      locale: locale ?? (isLocale(account.contact.preferredLocale) ? account.contact.preferredLocale : "en"),
      template: accountUnlocked,
      params: { username: account.username },
    });
  }
  await recordAuditEvent(tx, {
    actor: { type: "PARENT", id: account.id, label: account.username, ip },
    action: "parent.sign-in.unlock",
    contactIds: [account.contactId],
    details: {
      failedAttempts: before.failedAttempts,
      lockedUntil: before.lockedUntil?.toISOString() ?? null,
      addressThrottlesCleared,
      emailQueued: Boolean(email),
    },
  });
}

export async function unlockParentSignIn(request: UnlockRequest): Promise<UnlockOutcome> {
  const limit = await hitRateLimits(setPasswordLimits(request.ip));
  if (!limit.allowed) return { status: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
  try {
    await prisma.$transaction((tx) => unlock(tx, request));
  } catch (error) {
    if (error instanceof Rollback) return error.outcome;
    throw error;
  }
  return { status: "unlocked" };
}
