// Six-digit verification codes for staff (registering a phone or alternate e-mail, binding a
// first authenticator, changing or recovering a passphrase). One primitive for every purpose so
// the rules hold everywhere (ASVS 6.5.5/6.6.2, NIST SP 800-63B-4 section 3.1.3):
// - drawn from the CSPRNG, valid 10 minutes, single use, void after 5 wrong entries;
// - bound to the person, the purpose, the channel, the destination and (recovery) the flow;
// - one live code per (person, purpose, flow): issuing voids the previous one, and a resend
//   waits 60 seconds;
// - stored as an HMAC-SHA256 keyed from the server secret: a stolen table cannot be
//   brute-forced offline without the key, and checks compare in constant time.
// The caller delivers the returned code (outbox) in the same transaction and never logs it.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { StaffCodeChannel } from "@/lib/generated/prisma/enums";
import type { Tx } from "@/lib/db";
import { metrics } from "@/lib/ops/metrics";
import { randomDigits } from "@/lib/security/random-secret";

export const STAFF_CODE_LENGTH = 6;
export const STAFF_CODE_TTL_MINUTES = 10;
export const STAFF_CODE_MAX_WRONG = 5;
export const STAFF_CODE_RESEND_SECONDS = 60;
export const STAFF_CODE_PATTERN = /^\d{6}$/;

export interface StaffCodeTarget {
  staffUserId: number;
  purpose: string;
  /** The recovery flow the code belongs to; omitted for a signed-in person. */
  flowId?: string;
}

export interface IssueStaffCodeRequest extends StaffCodeTarget {
  channel: StaffCodeChannel;
  /** E.164 phone number or e-mail address. */
  destination: string;
}

export type IssueStaffCodeResult =
  | { ok: true; code: string; expiresAt: Date }
  | { ok: false; reason: "resend_too_soon"; retryAfterSeconds: number };

export type CheckStaffCodeResult =
  | { ok: true; channel: StaffCodeChannel; destination: string }
  /** `invalid`: wrong, expired, used, voided or none issued (one answer for all of them). */
  | { ok: false; reason: "invalid" };

function codeKey(): Buffer {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set (it also keys staff verification codes)");
  return createHmac("sha256", secret).update("staff-verification-code.v1").digest();
}

function codeHmac(target: StaffCodeTarget, channel: string, destination: string, code: string): string {
  return createHmac("sha256", codeKey())
    .update([target.staffUserId, target.purpose, target.flowId ?? "", channel, destination, code].join("\u0000"))
    .digest("base64url");
}

function sameHmac(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Serializes issue and check for one person and purpose (read-then-write on their codes). */
async function lockTarget(tx: Tx, target: StaffCodeTarget): Promise<void> {
  const key = `staff-code:${target.staffUserId}:${target.purpose}:${target.flowId ?? ""}`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

/** Issues a new code (voiding the live one) unless the last was issued under 60 s ago. */
export async function issueStaffVerificationCode(tx: Tx, request: IssueStaffCodeRequest, now = new Date()): Promise<IssueStaffCodeResult> {
  await lockTarget(tx, request);
  const where = { staffUserId: request.staffUserId, purpose: request.purpose, flowId: request.flowId ?? "" };
  const last = await tx.staffVerificationCode.findFirst({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  if (last) {
    const waitedMs = now.getTime() - last.createdAt.getTime();
    if (waitedMs < STAFF_CODE_RESEND_SECONDS * 1000) {
      return { ok: false, reason: "resend_too_soon", retryAfterSeconds: Math.ceil((STAFF_CODE_RESEND_SECONDS * 1000 - waitedMs) / 1000) };
    }
  }
  await tx.staffVerificationCode.updateMany({ where: { ...where, consumedAt: null }, data: { consumedAt: now } });
  const code = randomDigits(STAFF_CODE_LENGTH);
  const expiresAt = new Date(now.getTime() + STAFF_CODE_TTL_MINUTES * 60_000);
  await tx.staffVerificationCode.create({
    data: {
      ...where,
      channel: request.channel,
      destination: request.destination,
      codeHmac: codeHmac(request, request.channel, request.destination, code),
      expiresAt,
      createdAt: now,
    },
  });
  // Counted as issued with the caller's transaction still open: a rollback after this point
  // (rare: the mail or text is queued next) leaves one count too many.
  metrics.securityCodes.inc({ purpose: `staff-${request.purpose}` });
  return { ok: true, code, expiresAt };
}

/**
 * Checks a typed code against the live code for (person, purpose, flow). A right code is
 * consumed; a wrong one uses up one of 5 entries, after which the code is void.
 */
export async function checkStaffVerificationCode(tx: Tx, target: StaffCodeTarget, typed: string, now = new Date()): Promise<CheckStaffCodeResult> {
  await lockTarget(tx, target);
  const live = await tx.staffVerificationCode.findFirst({
    where: {
      staffUserId: target.staffUserId,
      purpose: target.purpose,
      flowId: target.flowId ?? "",
      consumedAt: null,
      expiresAt: { gt: now },
      attempts: { lt: STAFF_CODE_MAX_WRONG },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const candidate = STAFF_CODE_PATTERN.test(typed.trim()) ? typed.trim() : "";
  // Computed whether or not a code is live, so the answer costs the same either way.
  const expected = live ? live.codeHmac : "";
  const typedHmac = codeHmac(target, live?.channel ?? "", live?.destination ?? "", candidate);
  if (!live) return { ok: false, reason: "invalid" };
  if (candidate === "" || !sameHmac(typedHmac, expected)) {
    await tx.staffVerificationCode.update({ where: { id: live.id }, data: { attempts: { increment: 1 } } });
    return { ok: false, reason: "invalid" };
  }
  await tx.staffVerificationCode.update({ where: { id: live.id }, data: { consumedAt: now } });
  return { ok: true, channel: live.channel, destination: live.destination };
}

/** Voids every live code of a person (passphrase reset, methods changed by an admin). */
export async function voidStaffVerificationCodes(tx: Tx, staffUserId: number, now = new Date()): Promise<void> {
  await tx.staffVerificationCode.updateMany({ where: { staffUserId, consumedAt: null }, data: { consumedAt: now } });
}

export const isStaffCodeChannel = (value: string): value is StaffCodeChannel => value === "SMS" || value === "EMAIL";
