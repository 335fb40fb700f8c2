// "Choose your password" for a signed-in parent. A session opened with the temporary
// password needs no current password (it just proved it); an active account must give its
// current one. This session stays signed in, every other one ends. The checks before the
// slow hash are repeated under the row lock: a staff reset or another change that committed
// meanwhile wins, and this change is refused rather than undoing it.
import { prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashSecret, verifySecret } from "@/lib/security/password-hash";
import { hitRateLimit } from "@/lib/security/rate-limit";
import { setParentPassword } from "@/lib/accounts/set-parent-password";
import { lockParentAccount } from "@/lib/accounts/lock-parent-account";
import type { PasswordViolation } from "@/lib/accounts/password-policy";
import { deviceToken } from "@/lib/auth/device-cookie";
import type { AppLocale } from "@/lib/i18n/locales";

export type ChangeParentPasswordResult =
  /** `deviceToken`: a device cookie for this browser, bound to the new password (the old ones end). */
  | { ok: true; deviceToken: string }
  | { ok: false; reason: "current_password_wrong" | "rate_limited" | "not_allowed" | "account_reset" }
  | { ok: false; reason: "policy"; violations: PasswordViolation[] };

export interface ChangeParentPasswordInput {
  parentAccountId: number;
  sessionId: string;
  currentPassword?: string;
  newPassword: string;
  ip: string;
  /** The page's language, for the "password changed" mail. */
  locale?: AppLocale;
}

export async function changeParentPassword(input: ChangeParentPasswordInput): Promise<ChangeParentPasswordResult> {
  const account = await prisma.parentAccount.findUnique({ where: { id: input.parentAccountId } });
  if (!account) return { ok: false, reason: "not_allowed" };
  if (account.status === "RESET" || !account.passwordHash) return { ok: false, reason: "account_reset" };
  const actor = { type: "PARENT" as const, id: account.id, label: account.username, ip: input.ip };
  const firstSignIn = account.status === "PENDING_PASSWORD_CHANGE";
  if (!firstSignIn) {
    const limit = await hitRateLimit({ key: `change-password:account:${account.id}`, limit: 10, windowSeconds: 15 * 60 });
    if (!limit.allowed) return { ok: false, reason: "rate_limited" };
    if (!(await verifySecret(account.passwordHash, input.currentPassword ?? ""))) {
      await recordAuditEvent(prisma, {
        actor,
        action: "parent.password.change.failed",
        contactIds: [account.contactId],
        details: { reason: "current_password_wrong" },
      });
      return { ok: false, reason: "current_password_wrong" };
    }
  }
  const passwordHash = await hashSecret(input.newPassword); // slow: before the lock, so the lock is short
  const result = await prisma.$transaction(async (tx) => {
    const locked = await lockParentAccount(tx, account.id);
    if (!locked) return { ok: false as const, reason: "not_allowed" as const };
    if (locked.status === "RESET") return { ok: false as const, reason: "account_reset" as const };
    // Another change committed since the current password was checked: it ended this session.
    if (locked.status !== account.status || locked.passwordHash !== account.passwordHash) {
      return { ok: false as const, reason: "not_allowed" as const };
    }
    return setParentPassword(tx, {
      parentAccountId: account.id,
      newPassword: input.newPassword,
      passwordHash,
      actor,
      reason: firstSignIn ? "first-sign-in" : "change",
      keepSessionId: input.sessionId,
      mailLocale: input.locale,
    });
  });
  if (result.ok) return { ok: true, deviceToken: deviceToken("parent", account.id, passwordHash) };
  if (result.reason === "policy") return { ok: false, reason: "policy", violations: result.violations };
  // Lost the race to a staff reset or another change: worth a line in the parent's trail.
  await recordAuditEvent(prisma, { actor, action: "parent.password.change.failed", contactIds: [account.contactId], details: { reason: result.reason } });
  return { ok: false, reason: result.reason };
}
