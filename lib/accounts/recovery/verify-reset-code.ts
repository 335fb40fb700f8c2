// Forgot Password step 2: checks the security code typed for the username of the flow.
// Only the account's newest code counts, and only while it is unused, not superseded, not
// expired and has tries left; a try is reserved atomically before the argon2id check so
// parallel guesses cannot exceed the limit. Every failure (unknown username, no code, wrong,
// dead) is one answer with one argon2id verification and the same padded duration. Across
// codes and addresses an account takes at most ACCOUNT_WRONG_CODES_PER_DAY wrong entries
// (lib/accounts/recovery/code-entry-cap.ts).
import { prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hitRateLimits } from "@/lib/security/rate-limit";
import { verifySecurityCode } from "@/lib/accounts/recovery/security-code";
import { withMinimumDuration } from "@/lib/accounts/recovery/minimum-duration";
import { recordWrongCodeEntry, releaseCodeEntry, reserveCodeEntry } from "@/lib/accounts/recovery/code-entry-cap";
import {
  CODE_ISSUING_BLOCK_HOURS,
  MINIMUM_RESPONSE_MS,
  SECURITY_CODE_MAX_ATTEMPTS,
  verifyCodeLimits,
} from "@/lib/accounts/recovery/recovery-limits";

export interface ResetGrant {
  accountId: number;
  codeId: number;
  username: string;
}

export type VerifyCodeOutcome =
  | { status: "verified"; grant: ResetGrant }
  | { status: "account-reset" }
  | { status: "invalid" }
  | { status: "rate_limited"; retryAfterSeconds: number };

export interface VerifyCodeRequest {
  /** The username key the flow state carries (what the parent typed at step 1). */
  usernameKey: string;
  code: string;
  ip: string;
}

// Timestamps are timestamp(3) holding UTC (Prisma's convention): compare with UTC now.
/** Takes one try of the account's newest live code; null when there is none left. */
async function reserveAttempt(accountId: number): Promise<{ id: number; codeHash: string } | null> {
  const rows = await prisma.$queryRaw<{ id: number; codeHash: string }[]>`
    UPDATE "PasswordResetCode" SET "attempts" = "attempts" + 1
    WHERE "id" = (
      SELECT "id" FROM "PasswordResetCode" WHERE "parentAccountId" = ${accountId}
      ORDER BY "createdAt" DESC, "id" DESC LIMIT 1
    )
      AND "usedAt" IS NULL AND "supersededAt" IS NULL AND "expiresAt" > (now() AT TIME ZONE 'UTC')
      AND "attempts" < ${SECURITY_CODE_MAX_ATTEMPTS}
    RETURNING "id", "codeHash"`;
  return rows[0] ?? null;
}

async function verifyCode({ usernameKey, code, ip }: VerifyCodeRequest): Promise<VerifyCodeOutcome> {
  const limit = await hitRateLimits(verifyCodeLimits(ip));
  if (!limit.allowed) {
    await recordAuditEvent(prisma, { actor: { type: "ANONYMOUS", ip }, action: "parent.password-reset.verify-rate-limited" });
    return { status: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
  }
  const account = await prisma.parentAccount.findUnique({
    where: { usernameKey },
    select: { id: true, username: true, contactId: true, status: true },
  });
  const live = account ? await reserveAttempt(account.id) : null;
  // The account's daily budget is taken before the check, so parallel guesses cannot overshoot it.
  const withinAccountCap = account && live ? await reserveCodeEntry(account.id) : true;
  const candidate = withinAccountCap ? live : null;
  const matches = await verifySecurityCode(candidate?.codeHash ?? null, code);

  if (!account || !candidate || !matches) {
    const capReached = account && candidate ? await recordWrongCodeEntry(account.id) : false;
    const reason = !account ? "unknown-username" : !withinAccountCap ? "account-cap" : !candidate ? "no-live-code" : "wrong-code";
    await recordAuditEvent(prisma, {
      actor: account ? { type: "PARENT", id: account.id, label: account.username, ip } : { type: "ANONYMOUS", label: usernameKey.slice(0, 64), ip },
      action: "parent.password-reset.code-rejected",
      contactIds: account ? [account.contactId] : [],
      details: { reason, ...(capReached ? { codesStoppedHours: CODE_ISSUING_BLOCK_HOURS } : {}) },
    });
    return { status: "invalid" };
  }
  await releaseCodeEntry(account.id);
  const actor = { type: "PARENT" as const, id: account.id, label: account.username, ip };
  if (account.status === "RESET") {
    // The code proved the mailbox; the login itself must be created again.
    await prisma.$transaction(async (tx) => {
      await tx.passwordResetCode.update({ where: { id: candidate.id }, data: { usedAt: new Date() } });
      await recordAuditEvent(tx, { actor, action: "parent.password-reset.account-reset", contactIds: [account.contactId] });
    });
    return { status: "account-reset" };
  }
  await prisma.$transaction(async (tx) => {
    // A correct entry is not a wrong one: give the reserved try back.
    await tx.passwordResetCode.update({ where: { id: candidate.id }, data: { attempts: { decrement: 1 } } });
    await recordAuditEvent(tx, { actor, action: "parent.password-reset.code-verified", contactIds: [account.contactId] });
  });
  return { status: "verified", grant: { accountId: account.id, codeId: candidate.id, username: account.username } };
}

export function verifyPasswordResetCode(
  request: VerifyCodeRequest,
  options: { minimumMs?: number } = {},
): Promise<VerifyCodeOutcome> {
  return withMinimumDuration(options.minimumMs ?? MINIMUM_RESPONSE_MS.verifyCode, () => verifyCode(request));
}
