// Who may read GET /api/metrics: a scraper sending `Authorization: Bearer <METRICS_TOKEN>`.
// Without the variable the endpoint does not exist (404), and a missing or wrong token gets
// the same 404, so the route tells nobody else that it is there. Compared in constant time.
import { createHash, timingSafeEqual } from "node:crypto";

/** Shorter tokens are refused at start (lib/config/assert-start-config.ts). */
export const METRICS_TOKEN_MIN_LENGTH = 32;

const digest = (value: string) => createHash("sha256").update(value).digest();

export function metricsAccessAllowed(authorization: string | null, token = process.env.METRICS_TOKEN): boolean {
  if (!token || token.length < METRICS_TOKEN_MIN_LENGTH) return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) return false;
  return timingSafeEqual(digest(match[1]!), digest(token));
}

/** The start check's problem with METRICS_TOKEN, if any. */
export function metricsTokenProblem(token: string | undefined): string | null {
  if (token === undefined || token === "") return null;
  if (token.length < METRICS_TOKEN_MIN_LENGTH || /\s/.test(token)) {
    return `METRICS_TOKEN must be at least ${METRICS_TOKEN_MIN_LENGTH} characters without spaces (e.g. METRICS_TOKEN=$(openssl rand -hex 32)), or unset to turn GET /api/metrics off.`;
  }
  return null;
}
