// The Forgot Password flow's state between steps, carried by the browser in an httpOnly
// cookie and signed (HMAC-SHA256) with the server secret so it cannot be forged. The
// "code" stage holds only what the parent typed (the username) and is issued whether or
// not the account exists, so it reveals nothing; the "verified" stage is only issued after
// a valid security code and names the code it was earned with (single use at step 3).
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { randomId } from "@/lib/security/random-secret";
import { CODE_STEP_TTL_MINUTES, RESET_GRANT_TTL_MINUTES } from "@/lib/accounts/recovery/recovery-limits";

const codeStageSchema = z.object({ s: z.literal("code"), u: z.string().max(200), n: z.string(), e: z.number() });
const verifiedStageSchema = z.object({
  s: z.literal("verified"),
  a: z.number().int(),
  c: z.number().int(),
  u: z.string().max(200),
  n: z.string(),
  e: z.number(),
});
const stateSchema = z.discriminatedUnion("s", [codeStageSchema, verifiedStageSchema]);

export type RecoveryState = z.infer<typeof stateSchema>;
export type CodeStage = z.infer<typeof codeStageSchema>;
export type VerifiedStage = z.infer<typeof verifiedStageSchema>;

function secret(): string {
  const value = process.env.NEXTAUTH_SECRET;
  if (!value) throw new Error("NEXTAUTH_SECRET is not set (it also signs the password-recovery state)");
  return value;
}

function mac(payload: string): Buffer {
  return createHmac("sha256", secret()).update(`recovery-state.v1.${payload}`).digest();
}

function sign(state: RecoveryState): string {
  const payload = Buffer.from(JSON.stringify(state)).toString("base64url");
  return `${payload}.${mac(payload).toString("base64url")}`;
}

export function codeStageToken(usernameKey: string, now = Date.now()): string {
  return sign({ s: "code", u: usernameKey, n: randomId(9), e: now + CODE_STEP_TTL_MINUTES * 60_000 });
}

export function verifiedStageToken(grant: { accountId: number; codeId: number; username: string }, now = Date.now()): string {
  return sign({
    s: "verified",
    a: grant.accountId,
    c: grant.codeId,
    u: grant.username,
    n: randomId(9),
    e: now + RESET_GRANT_TTL_MINUTES * 60_000,
  });
}

/** The state a token carries, or null when it is malformed, forged or expired. */
export function readRecoveryState(token: string | undefined | null, now = Date.now()): RecoveryState | null {
  if (!token || token.length > 2000) return null;
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = mac(payload);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = stateSchema.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    if (!parsed.success || parsed.data.e <= now) return null;
    return parsed.data;
  } catch {
    return null;
  }
}
