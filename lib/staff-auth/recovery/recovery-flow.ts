// One "Get back into your account" attempt: a random token in an httpOnly cookie, and a row
// found by the token's SHA-256 (a stolen table cannot be turned back into cookies). The row
// lives 15 minutes from the CAPTCHA and records the steps passed.
import { prisma, type Tx } from "@/lib/db";
import { randomId, sha256 } from "@/lib/security/random-secret";
import { isRecoveryGate, type RecoveryGate } from "@/lib/staff-auth/recovery/recovery-gates";
import { RECOVERY_FLOW_TTL_MINUTES } from "@/lib/staff-auth/recovery/recovery-limits";

export interface RecoveryFlow {
  id: string;
  /** Null when nothing can pass: unknown, disabled, unregistered or blocked user ID. */
  staffUserId: number | null;
  gatesPassed: RecoveryGate[];
  expiresAt: Date;
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const recoveryFlowId = (token: string): string => sha256(`staff-recovery:${token}`);

/** Creates the flow and returns the token for its cookie. */
export async function createRecoveryFlow(db: Tx | typeof prisma, staffUserId: number | null, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomId(32);
  const expiresAt = new Date(now.getTime() + RECOVERY_FLOW_TTL_MINUTES * 60_000);
  await db.staffRecoveryFlow.create({ data: { id: recoveryFlowId(token), staffUserId, expiresAt, createdAt: now } });
  return { token, expiresAt };
}

function toFlow(row: { id: string; staffUserId: number | null; gatesPassed: string[]; expiresAt: Date }): RecoveryFlow {
  return { id: row.id, staffUserId: row.staffUserId, gatesPassed: row.gatesPassed.filter(isRecoveryGate), expiresAt: row.expiresAt };
}

/** The live flow of a cookie token, or null (missing, malformed, expired or finished). */
export async function loadRecoveryFlow(token: string | undefined | null, now = new Date()): Promise<RecoveryFlow | null> {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const row = await prisma.staffRecoveryFlow.findFirst({ where: { id: recoveryFlowId(token), completedAt: null, expiresAt: { gt: now } } });
  return row ? toFlow(row) : null;
}

/** The same, locked for the rest of the transaction (steps passed are read, then written). */
export async function lockRecoveryFlow(tx: Tx, flowId: string, now = new Date()): Promise<RecoveryFlow | null> {
  await tx.$executeRaw`SELECT 1 FROM "StaffRecoveryFlow" WHERE "id" = ${flowId} FOR UPDATE`;
  const row = await tx.staffRecoveryFlow.findUnique({ where: { id: flowId } });
  if (!row || row.completedAt !== null || row.expiresAt <= now) return null;
  return toFlow(row);
}
