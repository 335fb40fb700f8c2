// Row locks for staff changes: the target row, and (when admins may lose one) every active
// admin, so two admins demoting each other at once cannot leave the district with none.
import type { Tx } from "@/lib/db";
import { ActionFailure } from "@/lib/actions/action-result";
import type { StaffUser } from "@/lib/generated/prisma/client";

export async function lockStaffUserOrThrow(tx: Tx, staffUserId: number): Promise<StaffUser> {
  await tx.$queryRaw`SELECT id FROM "StaffUser" WHERE id = ${staffUserId} FOR UPDATE`;
  const user = await tx.staffUser.findUnique({ where: { id: staffUserId } });
  if (!user) throw new ActionFailure("invalid", "That staff account no longer exists.");
  return user;
}

/** Throws unless another active site admin remains once `staffUserId` stops being one. */
export async function assertAnotherActiveAdmin(tx: Tx, staffUserId: number): Promise<void> {
  const admins = await tx.$queryRaw<{ id: number }[]>`
    SELECT id FROM "StaffUser" WHERE role = 'SITE_ADMIN' AND disabled = false ORDER BY id FOR UPDATE`;
  if (!admins.some((admin) => admin.id !== staffUserId)) {
    throw new ActionFailure("conflict", "The district needs at least one active site admin.");
  }
}
