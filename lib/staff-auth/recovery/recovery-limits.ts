// The numbers of "Get back into your account", as Microsoft Entra's self-service password
// reset has them (research notes, section 1), in one place.
import type { RateLimitRule } from "@/lib/security/rate-limit";
import { throttleSource } from "@/lib/security/throttle-source";

/** A flow lives this long from the CAPTCHA, whatever happens inside it. */
export const RECOVERY_FLOW_TTL_MINUTES = 15;
/** Each exceeded limit blocks self-service (never normal sign-in) this long. */
export const SELF_SERVICE_BLOCK_HOURS = 24;

/**
 * Every public step takes at least this long, so work done only for a real, registered,
 * unblocked person (code rows, outbox inserts, audit, the second-factor check) cannot be seen in
 * the response time. Well above the slower path's measured cost (one argon2id check plus a few
 * writes); tests/integration/staff-recovery-enumeration.test.ts checks it stays under half.
 */
export const RECOVERY_MINIMUM_MS = { start: 500, send: 500, check: 600 } as const;

const MINUTE = 60;
const HOUR = 60 * MINUTE;

export type SelfServiceBlockReason = "method-limit" | "failed-proofs" | "email-limit";

/** Sends or checks of one method (phone, alternate e-mail, authenticator, ...) per person. */
export const methodUseLimit = (staffUserId: number, method: string): RateLimitRule => ({
  key: `staff-recovery:method:${staffUserId}:${method}`,
  limit: 5,
  windowSeconds: HOUR,
});

/** Failed identity proofs per person: reaching it blocks (Entra: 5 in 24 hours). */
export const failedProofLimit = (staffUserId: number): RateLimitRule => ({
  key: `staff-recovery:failed:${staffUserId}`,
  limit: 5,
  windowSeconds: 24 * HOUR,
});

/** E-mails sent by self-service per person. */
export const recoveryEmailLimit = (staffUserId: number): RateLimitRule => ({
  key: `staff-recovery:email:${staffUserId}`,
  limit: 10,
  windowSeconds: 10 * MINUTE,
});

/** Every counter of a person, cleared by a successful reset and by a site admin's "clear block". */
export const personalCounterKeys = (staffUserId: number): string[] => [
  ...["sms", "email", "totp", "recovery-code", "questions"].map((method) => methodUseLimit(staffUserId, method).key),
  failedProofLimit(staffUserId).key,
  recoveryEmailLimit(staffUserId).key,
];

/** Visible per-source limits: their keys never depend on whether an account exists. */
export const recoveryStartLimits = (ip: string): RateLimitRule[] => [
  { key: `staff-recovery:start:ip:${throttleSource(ip)}`, limit: 20, windowSeconds: HOUR },
];

export const recoveryStepLimits = (ip: string): RateLimitRule[] => [
  { key: `staff-recovery:step:ip:${throttleSource(ip)}`, limit: 60, windowSeconds: HOUR },
];
