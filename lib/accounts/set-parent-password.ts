// Sets a parent's permanent password: the one place that turns an account ACTIVE with a new
// password, used by the first-sign-in change, the signed-in change and Forgot Password.
// Runs in the caller's transaction so the change, the ended sessions, the confirmation mail
// and the audit event commit together or not at all. The parent's provider sessions, grants
// and tokens are revoked in it too. It locks the login row before reading
// its status: a staff reset that committed meanwhile is refused here, never undone.
import type { Tx } from "@/lib/db";
import { endParentSessions } from "@/lib/auth/auth-session-store";
import { revokeOidcAccess } from "@/lib/oidc/revoke-oidc-access";
import { recordAuditEvent, type Actor } from "@/lib/audit/record-audit-event";
import { checkPassword, DEFAULT_PASSWORD_MIN_LENGTH, type PasswordViolation } from "@/lib/accounts/password-policy";
import { hashSecret } from "@/lib/security/password-hash";
import { enqueueEmail } from "@/lib/mail/enqueue-email";
import { passwordChanged } from "@/lib/mail/templates/password-changed";
import { isLocale, type AppLocale } from "@/lib/i18n/locales";
import { lockParentAccount } from "@/lib/accounts/lock-parent-account";

export type PasswordChangeReason = "first-sign-in" | "change" | "forgot-password";

/** Which changes follow a secret mailed to the contact's address (a signed-in change does not). */
const PROVES_EMAIL: Record<PasswordChangeReason, boolean> = { "first-sign-in": true, change: false, "forgot-password": true };

export interface SetParentPasswordInput {
  parentAccountId: number;
  newPassword: string;
  actor: Actor;
  reason: PasswordChangeReason;
  /** The session making the change stays signed in; every other session ends. */
  keepSessionId?: string;
  /** Precomputed argon2id hash of newPassword, to keep the slow hash outside the transaction. */
  passwordHash?: string;
  /** The page's language: the confirmation reads first in it; else the contact's stored language. */
  mailLocale?: AppLocale;
}

export type SetParentPasswordResult =
  | { ok: true; contactId: number; endedSessions: number; emailQueued: boolean }
  | { ok: false; reason: "policy"; violations: PasswordViolation[] }
  /** Staff reset the login: only re-registration may give it a password again. */
  | { ok: false; reason: "account_reset" };

/**
 * Refuses a login that staff reset; checks the policy (district minimum, common list, not the
 * username) and, if it passes, stores the hash, activates the account, clears the temporary-password and lockout fields,
 * ends the other sessions, queues the "password changed" mail and writes the audit event.
 */
export async function setParentPassword(tx: Tx, input: SetParentPasswordInput): Promise<SetParentPasswordResult> {
  const locked = await lockParentAccount(tx, input.parentAccountId);
  if (locked?.status === "RESET") return { ok: false, reason: "account_reset" };
  const account = await tx.parentAccount.findUniqueOrThrow({
    where: { id: input.parentAccountId },
    include: { contact: { select: { email: true, preferredLocale: true } } },
  });
  const settings = await tx.districtSettings.findUnique({ where: { id: 1 }, select: { parentPasswordMinLength: true } });
  const minLength = settings?.parentPasswordMinLength ?? DEFAULT_PASSWORD_MIN_LENGTH;
  const violations = checkPassword(input.newPassword, { username: account.username, minLength });
  if (violations.length > 0) return { ok: false, reason: "policy", violations };

  const passwordHash = input.passwordHash ?? (await hashSecret(input.newPassword));
  const now = new Date();
  const email = account.contact.email?.trim();
  await tx.parentAccount.update({
    where: { id: account.id },
    data: {
      passwordHash,
      status: "ACTIVE",
      passwordChangedAt: now,
      // The temporary password or the security code that led here was mailed to the address on
      // record: the parent read it (the apps' email_verified, lib/oidc/account.ts).
      ...(PROVES_EMAIL[input.reason] && email ? { verifiedEmail: email } : {}),
      tempPasswordExpiresAt: null,
      tempPasswordUsedAt: null,
      failedAttempts: 0,
      lockedUntil: null,
    },
  });
  // Any outstanding Forgot Password code would otherwise still work after this change.
  await tx.passwordResetCode.updateMany({
    where: { parentAccountId: account.id, usedAt: null, supersededAt: null },
    data: { supersededAt: now },
  });
  const endedSessions = await endParentSessions(tx, [account.id], input.keepSessionId);
  // Whoever held the old password is signed out of the district's apps too (a stolen password
  // being the usual reason to change it); this browser signs in to them again from the portal.
  const { logoutsQueued: appLogoutsQueued } = await revokeOidcAccess(tx, [account.oidcSubject]);

  if (email) {
    await enqueueEmail(tx, {
      to: email,
      locale: input.mailLocale ?? (isLocale(account.contact.preferredLocale) ? account.contact.preferredLocale : "en"),
      template: passwordChanged,
      params: { username: account.username },
    });
  }
  await recordAuditEvent(tx, {
    actor: input.actor,
    action: "parent.password.change",
    contactIds: [account.contactId],
    details: { reason: input.reason, endedSessions, appLogoutsQueued, emailQueued: Boolean(email), previousStatus: account.status },
  });
  return { ok: true, contactId: account.contactId, endedSessions, emailQueued: Boolean(email) };
}
