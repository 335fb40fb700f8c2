// The numbers of self-service recovery in one place. Windows are short so that an attacker
// who hammers a parent's username or address blocks them for minutes, not hours.
import type { RateLimitRule } from "@/lib/security/rate-limit";
import { throttleSource } from "@/lib/security/throttle-source";

export const SECURITY_CODE_LENGTH = 6;
export const SECURITY_CODE_TTL_MINUTES = 15;
/** Wrong entries after which a code is dead and a new one must be requested. */
export const SECURITY_CODE_MAX_ATTEMPTS = 5;
/** How long the "code verified" state lets the parent choose a password. */
export const RESET_GRANT_TTL_MINUTES = 15;
/** How long the "code sent, enter it" state lasts (a bit more than the code itself). */
export const CODE_STEP_TTL_MINUTES = SECURITY_CODE_TTL_MINUTES + 5;

/**
 * Every public recovery response takes at least this long, so that work done only for
 * existing accounts (outbox insert, code row, audit) cannot be seen in the response time.
 * Chosen well above the measured cost of the slower path (one argon2id hash plus a few
 * inserts: tens of ms on the 2-core machine; tests/integration/forgot-enumeration.test.ts
 * checks it stays under half of these).
 */
export const MINIMUM_RESPONSE_MS = {
  forgotUsername: 250,
  requestCode: 600,
  verifyCode: 300,
  setPassword: 0, // only reachable after a valid code: nothing left to hide
} as const;

const MINUTE = 60;

export const forgotUsernameLimits = (emailKey: string, ip: string): RateLimitRule[] => [
  { key: `forgot-username:email:${emailKey}`, limit: 5, windowSeconds: 60 * MINUTE },
  { key: `forgot-username:ip:${throttleSource(ip)}`, limit: 20, windowSeconds: 60 * MINUTE },
];

/** Visible limits: their keys do not depend on whether the account exists. */
export const requestCodeLimits = (usernameKey: string, ip: string): RateLimitRule[] => [
  { key: `reset-code:user:${usernameKey}`, limit: 5, windowSeconds: 15 * MINUTE },
  { key: `reset-code:ip:${throttleSource(ip)}`, limit: 20, windowSeconds: 60 * MINUTE },
];

/**
 * Per recipient address (several accounts may share one). Only counted for accounts that
 * exist, so exceeding it is silent: the page answers as usual and no mail is sent.
 */
export const requestCodeEmailLimit = (emailKey: string): RateLimitRule => ({
  key: `reset-code:email:${emailKey}`,
  limit: 10,
  windowSeconds: 15 * MINUTE,
});

export const verifyCodeLimits = (ip: string): RateLimitRule[] => [
  { key: `reset-verify:ip:${throttleSource(ip)}`, limit: 30, windowSeconds: 15 * MINUTE },
];

export const setPasswordLimits = (ip: string): RateLimitRule[] => [
  { key: `reset-set-password:ip:${throttleSource(ip)}`, limit: 20, windowSeconds: 15 * MINUTE },
];

/**
 * Per parent account, across every code and every source address: wrong security-code
 * entries per 24 hours. Reaching it kills the live code and stops new codes for 24 hours
 * (lib/accounts/recovery/code-entry-cap.ts); the public answers do not change.
 */
export const ACCOUNT_WRONG_CODES_PER_DAY = 20;
export const CODE_ISSUING_BLOCK_HOURS = 24;
