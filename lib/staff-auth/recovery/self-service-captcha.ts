// The self-hosted CAPTCHA of "Get back into your account" (ALTCHA proof of work, no third-party
// calls): the browser spends about a second of work per attempt, which makes scripted guessing
// of user IDs costly, and the server checks it before it looks any account up.
// - challenges are HMAC-signed with keys derived from NEXTAUTH_SECRET and bound to one purpose
//   through `data`, so a challenge made for another form does not pass here;
// - deterministic mode (a known counter plus a key signature) lets the server verify with one
//   derivation instead of redoing the work;
// - each solution is accepted once: its challenge id goes into AltchaSolution with an atomic
//   INSERT ... ON CONFLICT DO NOTHING, so a replayed or concurrently re-sent payload fails.
import { createHmac, randomUUID } from "node:crypto";
import { createChallenge, randomInt, verifySolution, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { prisma } from "@/lib/db";

export const CAPTCHA_PURPOSE = "staff-self-service";
/** A challenge is solvable this long; the flow it opens has its own 15 minutes. */
export const CAPTCHA_TTL_MINUTES = 10;
// PBKDF2 rounds per guess and the range of guesses: under a second of work in a browser
// (measured in Node: about 1 s for 1,000 guesses), and one derivation to verify.
const ALGORITHM = "PBKDF2/SHA-256";
const COST = 5_000;
const COUNTER_MIN = 300;
const COUNTER_MAX = 1_000;

function secret(label: string): string {
  const key = process.env.NEXTAUTH_SECRET;
  if (!key) throw new Error("NEXTAUTH_SECRET is not set (it also keys the self-service CAPTCHA)");
  return createHmac("sha256", key).update(`altcha.${label}.v1`).digest("base64url");
}

/** A new signed challenge for the widget (GET /api/console/captcha). */
export function createSelfServiceChallenge(now = new Date()): Promise<Challenge> {
  return createChallenge({
    algorithm: ALGORITHM,
    cost: COST,
    counter: randomInt(COUNTER_MAX, COUNTER_MIN),
    deriveKey,
    data: { purpose: CAPTCHA_PURPOSE, challengeId: randomUUID() },
    expiresAt: new Date(now.getTime() + CAPTCHA_TTL_MINUTES * 60_000),
    hmacSignatureSecret: secret("signature"),
    hmacKeySignatureSecret: secret("key-signature"),
  });
}

interface ClientPayload {
  challenge: Challenge;
  solution: { counter: number; derivedKey: string; time?: number };
}

function parsePayload(payload: string): ClientPayload | null {
  if (payload.length === 0 || payload.length > 8_000) return null;
  try {
    const parsed = JSON.parse(Buffer.from(payload, "base64").toString("utf8")) as Partial<ClientPayload>;
    const parameters = parsed?.challenge?.parameters;
    const solution = parsed?.solution;
    if (!parameters || typeof parameters !== "object" || !solution || typeof solution !== "object") return null;
    if (typeof solution.counter !== "number" || typeof solution.derivedKey !== "string") return null;
    return parsed as ClientPayload;
  } catch {
    return null;
  }
}

/**
 * True once per solved challenge of this purpose: the signature, the expiry, the work and the
 * purpose are checked, then the challenge id is recorded; a second submission of the same
 * payload returns false.
 */
export async function verifySelfServiceCaptcha(payload: string): Promise<boolean> {
  const parsed = parsePayload(payload);
  if (!parsed) return false;
  const data = parsed.challenge.parameters.data;
  if (data?.purpose !== CAPTCHA_PURPOSE || typeof data.challengeId !== "string") return false;
  let verified = false;
  try {
    const result = await verifySolution({
      challenge: parsed.challenge,
      solution: parsed.solution,
      deriveKey,
      hmacSignatureSecret: secret("signature"),
      hmacKeySignatureSecret: secret("key-signature"),
    });
    verified = result.verified;
  } catch {
    verified = false; // malformed parameters (the library throws on them)
  }
  if (!verified) return false;
  const expiresAt = new Date((parsed.challenge.parameters.expiresAt ?? 0) * 1000);
  // skipDuplicates is INSERT ... ON CONFLICT DO NOTHING: exactly one of two racing submissions counts.
  const { count } = await prisma.altchaSolution.createMany({ data: [{ challengeId: data.challengeId, expiresAt }], skipDuplicates: true });
  return count === 1;
}
