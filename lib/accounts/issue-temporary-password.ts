// Gives a matched contact's login a fresh temporary password (registration and "resend"):
// the account waits for its first sign-in, the old temporary password dies, and the new one
// leaves only in the outbox mail (sensitive: erased once sent), never on screen or in logs.
import type { Tx } from "@/lib/db";
import { prisma } from "@/lib/db";
import { metrics } from "@/lib/ops/metrics";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAuditEvent, type Actor } from "@/lib/audit/record-audit-event";
import { endParentSessions } from "@/lib/auth/auth-session-store";
import { generateTemporaryPassword } from "@/lib/accounts/temporary-password";
import { usernameKey } from "@/lib/accounts/parent-sign-in";
import { hashSecret } from "@/lib/security/password-hash";
import { enqueueEmail } from "@/lib/mail/enqueue-email";
import { temporaryPasswordEmail } from "@/lib/mail/templates/temporary-password";
import type { Locale } from "@/lib/generated/prisma/enums";
import type { AppLocale } from "@/lib/i18n/locales";

export const DEFAULT_TEMP_PASSWORD_TTL_HOURS = 24;

export interface IssueTemporaryPasswordInput {
  contact: { id: number; email: string; preferredLocale: Locale };
  /** The page's language: the mail reads first in it (the parent's own action); else the stored one. */
  mailLocale?: AppLocale;
  username: string;
  ttlHours: number;
  actor: Actor;
  action: "parent.register" | "parent.temporary-password.resend";
  details?: Record<string, unknown>;
}

/** Which login states each action may replace: checked again under the row lock. */
const REPLACEABLE: Record<IssueTemporaryPasswordInput["action"], readonly string[]> = {
  "parent.register": ["NONE", "RESET"],
  "parent.temporary-password.resend": ["PENDING_PASSWORD_CHANGE"],
};

/**
 * The login changed between the identity match and the write (a staff reset, a registration
 * or a first sign-in committed meanwhile): nothing is written; the caller answers as if
 * the login had been in that state from the start.
 */
export class LoginChangedError extends Error {
  constructor(readonly status: string) {
    super("login changed");
    this.name = "LoginChangedError";
  }
}

export class UsernameTakenError extends Error {
  constructor() {
    super("username taken");
    this.name = "UsernameTakenError";
  }
}

async function writeAccount(tx: Tx, input: IssueTemporaryPasswordInput, passwordHash: string, temporaryPassword: string) {
  // The login row first, as a staff reset does, so that neither overwrites the other.
  const [locked] = await tx.$queryRaw<{ status: string }[]>`
    SELECT status::text AS status FROM "ParentAccount" WHERE "contactId" = ${input.contact.id} FOR UPDATE`;
  const status = locked?.status ?? "NONE";
  if (!REPLACEABLE[input.action].includes(status)) throw new LoginChangedError(status);
  const key = usernameKey(input.username);
  const owner = await tx.parentAccount.findUnique({ where: { usernameKey: key }, select: { contactId: true } });
  if (owner && owner.contactId !== input.contact.id) throw new UsernameTakenError();
  const fields = {
    username: input.username.trim(),
    usernameKey: key,
    passwordHash,
    status: "PENDING_PASSWORD_CHANGE" as const,
    // A login disabled when its contact left the roster is usable again once re-registered.
    disabledAt: null,
    tempPasswordExpiresAt: new Date(Date.now() + input.ttlHours * 3_600_000),
    tempPasswordUsedAt: null,
    failedAttempts: 0,
    lockedUntil: null,
  };
  const account = await tx.parentAccount.upsert({
    where: { contactId: input.contact.id },
    create: { contactId: input.contact.id, ...fields },
    update: fields,
  });
  // A session opened with an earlier temporary password must not outlive it.
  await endParentSessions(tx, [account.id]);
  await enqueueEmail(tx, {
    to: input.contact.email,
    locale: input.mailLocale ?? input.contact.preferredLocale,
    template: temporaryPasswordEmail,
    params: { username: account.username, temporaryPassword, validHours: input.ttlHours },
  });
  await recordAuditEvent(tx, {
    actor: { ...input.actor, id: account.id, label: account.username },
    action: input.action,
    contactIds: [input.contact.id],
    details: { ...input.details, expiresAt: fields.tempPasswordExpiresAt.toISOString() },
  });
  return account;
}

/** One transaction: account written, mail queued, audit recorded. Throws UsernameTakenError or LoginChangedError. */
export async function issueTemporaryPassword(input: IssueTemporaryPasswordInput) {
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashSecret(temporaryPassword); // slow: outside the transaction
  try {
    const account = await prisma.$transaction((tx) => writeAccount(tx, input, passwordHash, temporaryPassword));
    metrics.temporaryPasswords.inc({ reason: input.action === "parent.register" ? "registration" : "resend" });
    return account;
  } catch (error) {
    // Two registrations racing for the same username: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new UsernameTakenError();
    throw error;
  }
}
