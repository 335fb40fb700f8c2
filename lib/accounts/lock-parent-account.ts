// Row lock on one parent login, taken first in every transaction that reads its status and
// then writes it (password change, Forgot Password completion). A staff reset locks the same
// row first too (lib/parents/reset-parent-logins.ts), so the two serialize in one order:
// whichever comes second sees the other's result instead of overwriting it.
import type { Tx } from "@/lib/db";
import type { AccountStatus } from "@/lib/generated/prisma/enums";

export interface LockedParentAccount {
  id: number;
  status: AccountStatus;
  passwordHash: string | null;
}

/** SELECT ... FOR UPDATE; null when the login no longer exists. */
export async function lockParentAccount(tx: Tx, parentAccountId: number): Promise<LockedParentAccount | null> {
  const rows = await tx.$queryRaw<LockedParentAccount[]>`
    SELECT id, status::text AS status, "passwordHash" FROM "ParentAccount" WHERE id = ${parentAccountId} FOR UPDATE`;
  return rows[0] ?? null;
}
