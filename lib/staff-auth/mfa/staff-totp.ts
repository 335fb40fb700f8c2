// The authenticator app (RFC 6238 TOTP: SHA-1, 6 digits, 30 s, 20-byte secret), compatible
// with every common app. A code is accepted for the current step and one step either side
// (clock drift), and never twice: the step of the last accepted code is stored and passed to
// otplib as `afterTimeStep`, so even a second use within the same 30 s is refused
// (ASVS 6.5.1, NIST SP 800-63B-4 section 3.1.4.2).
import { generateSecret, generateURI, verify } from "otplib";
import type { Tx } from "@/lib/db";
import { openTotpSecret, sealTotpSecret } from "@/lib/staff-auth/mfa/totp-secret-box";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_CODE_PATTERN = /^\d{6}$/;
const SECRET_BYTES = 20;

/** Locks the person's authenticator row: two checks of one code must not both pass. */
async function lockTotp(tx: Tx, staffUserId: number) {
  const rows = await tx.$queryRaw<{ staffUserId: number }[]>`SELECT "staffUserId" FROM "StaffTotp" WHERE "staffUserId" = ${staffUserId} FOR UPDATE`;
  if (rows.length === 0) return null;
  return tx.staffTotp.findUnique({ where: { staffUserId } });
}

/**
 * The secret being set up for `sessionId` (a new one unless that session already has one
 * pending). Refuses (null) when the person already has a confirmed authenticator: replacing it
 * is a different, stepped-up act. A secret pending for another session is replaced, so a
 * second sign-in with the passphrase never sees a secret someone else unlocked.
 */
export async function startTotpEnrolment(tx: Tx, staffUserId: number, sessionId: string, label: string, issuer: string): Promise<{ secret: string; uri: string } | null> {
  const existing = await lockTotp(tx, staffUserId);
  if (existing?.confirmedAt) return null;
  let secret = existing && existing.pendingSessionId === sessionId ? openTotpSecret(existing.secretEnc, staffUserId) : null;
  if (!secret) {
    secret = generateSecret({ length: SECRET_BYTES });
    const data = { secretEnc: sealTotpSecret(secret, staffUserId), pendingSessionId: sessionId, lastTimeStep: null };
    await tx.staffTotp.upsert({ where: { staffUserId }, create: { staffUserId, ...data }, update: data });
  }
  return { secret, uri: generateURI({ issuer, label, secret }) };
}

/** The secret pending for `sessionId`, or null. */
export async function pendingTotpSecret(tx: Tx, staffUserId: number, sessionId: string, label: string, issuer: string): Promise<{ secret: string; uri: string } | null> {
  const row = await tx.staffTotp.findUnique({ where: { staffUserId } });
  if (!row || row.confirmedAt || row.pendingSessionId !== sessionId) return null;
  const secret = openTotpSecret(row.secretEnc, staffUserId);
  return secret ? { secret, uri: generateURI({ issuer, label, secret }) } : null;
}

/**
 * Checks a code against the person's authenticator and records its time step. True only for a
 * fresh, right code. `pendingSessionId`: check (and on success bind) the one this session is
 * setting up instead of the confirmed one.
 */
export async function checkTotpCode(tx: Tx, staffUserId: number, typed: string, options: { pendingSessionId?: string; now?: Date } = {}): Promise<boolean> {
  const row = await lockTotp(tx, staffUserId);
  const token = typed.replace(/\s+/g, "");
  if (!row || !TOTP_CODE_PATTERN.test(token)) return false;
  const pending = options.pendingSessionId !== undefined;
  if (pending ? row.confirmedAt !== null || row.pendingSessionId !== options.pendingSessionId : row.confirmedAt === null) return false;
  const secret = openTotpSecret(row.secretEnc, staffUserId);
  if (!secret) return false;
  const result = await verify({
    secret,
    token,
    epoch: Math.floor((options.now ?? new Date()).getTime() / 1000),
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...(row.lastTimeStep !== null ? { afterTimeStep: row.lastTimeStep } : {}),
  });
  // otplib's result type covers HOTP too; a TOTP check always reports its time step.
  if (!result.valid || !("timeStep" in result)) return false;
  await tx.staffTotp.update({
    where: { staffUserId },
    data: { lastTimeStep: result.timeStep, ...(pending ? { confirmedAt: options.now ?? new Date(), pendingSessionId: null } : {}) },
  });
  return true;
}
