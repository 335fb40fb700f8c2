// Between the passphrase and the second step no session exists: the browser holds only a
// ticket, a 256-bit random token in an httpOnly cookie, valid 5 minutes and for one sign-in.
// The row stores the token's SHA-256 (a random token needs no slow hash), so a database
// read does not reveal live tickets.
import type { Tx } from "@/lib/db";
import { randomId, sha256 } from "@/lib/security/random-secret";

export const SIGN_IN_TICKET_MINUTES = 5;
/** Wrong second factors one ticket takes before the person must type the passphrase again. */
export const SIGN_IN_TICKET_MAX_WRONG = 5;
export const SIGN_IN_TICKET_COOKIE = "console_sign_in_ticket";
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export async function issueSignInTicket(tx: Tx, staffUserId: number, now = new Date()): Promise<string> {
  const token = randomId(32);
  // A new sign-in replaces any earlier unfinished one of the person.
  await tx.staffSignInTicket.deleteMany({ where: { OR: [{ staffUserId }, { expiresAt: { lt: now } }] } });
  await tx.staffSignInTicket.create({
    data: { id: sha256(token), staffUserId, expiresAt: new Date(now.getTime() + SIGN_IN_TICKET_MINUTES * 60_000), createdAt: now },
  });
  return token;
}

export type LiveSignInTicket = { id: string; staffUserId: number; passkeyChallenge: string | null; attempts: number; createdAt: Date };

/** The live ticket behind a token (optionally locked FOR UPDATE), or null. */
export async function findLiveSignInTicket(tx: Tx, token: string | null | undefined, options: { lock?: boolean; now?: Date } = {}): Promise<LiveSignInTicket | null> {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const id = sha256(token);
  if (options.lock) await tx.$queryRaw`SELECT id FROM "StaffSignInTicket" WHERE id = ${id} FOR UPDATE`;
  const ticket = await tx.staffSignInTicket.findUnique({ where: { id } });
  const now = options.now ?? new Date();
  if (!ticket || ticket.consumedAt || ticket.expiresAt.getTime() <= now.getTime() || ticket.attempts >= SIGN_IN_TICKET_MAX_WRONG) return null;
  return { id: ticket.id, staffUserId: ticket.staffUserId, passkeyChallenge: ticket.passkeyChallenge, attempts: ticket.attempts, createdAt: ticket.createdAt };
}
