// The numbers of "Create a new account" and "Resend temporary password" in one place.
//
// Keys: an attacker who knows a child's student number must not be able to lock the family
// out, so no limit is keyed by the student number alone at a level a parent can reach. Each
// source address gets its own small allowance per student (and overall), and only a high
// per-student ceiling counts every address together, to bound guessing of the parent's name.
//
// Why these ceilings never refuse the real parent in practice: one address can make at most
// `REGISTER_LIMIT.attempts` registration attempts per 15 minutes in total (all students), so
// the per-student ceiling of 60 is reached only when 12 or more different addresses (IPv6:
// /64 networks) hammer the same student within 15 minutes: a family (a few guardians, each
// typing from a phone or a home computer) makes a handful of attempts, far below. An attacker
// who does keep 12 fresh networks busy on one child makes the family wait at most until the
// window ends, and the ceiling caps their name guesses at 240 per hour for that child. Resend
// has the same shape per hour: 3 per address, 30 per student (10 addresses).
import type { RateLimitRule } from "@/lib/security/rate-limit";
import { throttleSource } from "@/lib/security/throttle-source";
import { distinctStudentIds, matchKey } from "@/lib/accounts/identity-match";

/** Per source address (all students), and per student from one address. */
export const REGISTER_LIMIT = { attempts: 5, windowSeconds: 15 * 60 };
/** Per student from every address together. */
export const REGISTER_STUDENT_CEILING = { attempts: 60, windowSeconds: 15 * 60 };

/** Per source address, per student from one address, and per matched account. */
export const RESEND_LIMIT = { attempts: 3, windowSeconds: 60 * 60 };
/** Per student from every address together. */
export const RESEND_STUDENT_CEILING = { attempts: 30, windowSeconds: 60 * 60 };

/**
 * Both answers are padded to a fixed duration, so the work done only for a matched parent
 * (an argon2id hash of the temporary password, the account write, the outbox insert) cannot
 * be seen in the response time. That work measured 110-170 ms on the busy 2-core machine
 * (6 parallel builds and test runs, argon2id alone 55-125 ms); the minimum keeps it under
 * half, which tests/integration/forgot-enumeration.test.ts checks.
 */
export const SELF_SERVICE_MINIMUM_MS = { register: 600, resend: 600 } as const;

export function registerRateLimitRules(clientIp: string, studentIds: readonly string[]): RateLimitRule[] {
  const { attempts, windowSeconds } = REGISTER_LIMIT;
  const ip = throttleSource(clientIp);
  return [
    { key: `register:ip:${ip}`, limit: attempts, windowSeconds },
    ...distinctStudentIds(studentIds).flatMap((id) => [
      { key: `register:student-ip:${id}:${ip}`, limit: attempts, windowSeconds },
      { key: `register:student:${id}`, limit: REGISTER_STUDENT_CEILING.attempts, windowSeconds: REGISTER_STUDENT_CEILING.windowSeconds },
    ]),
  ];
}

export function resendRateLimitRules(clientIp: string, studentId: string): RateLimitRule[] {
  const { attempts, windowSeconds } = RESEND_LIMIT;
  const ip = throttleSource(clientIp);
  const id = matchKey(studentId);
  return [
    { key: `resend:ip:${ip}`, limit: attempts, windowSeconds },
    { key: `resend:student-ip:${id}:${ip}`, limit: attempts, windowSeconds },
    { key: `resend:student:${id}`, limit: RESEND_STUDENT_CEILING.attempts, windowSeconds: RESEND_STUDENT_CEILING.windowSeconds },
  ];
}

export const resendAccountLimit = (accountId: number): RateLimitRule => ({
  key: `resend:account:${accountId}`,
  limit: RESEND_LIMIT.attempts,
  windowSeconds: RESEND_LIMIT.windowSeconds,
});
