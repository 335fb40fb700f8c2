// A student login stands on the parent–child link of the parent who made it: when the roster
// removes that link (a custody order, a contact who left), the login stops working at once,
// even before anyone re-creates it. Checked by the student sign-in and by the provider's
// findAccount alike.
import { prisma, type Tx } from "@/lib/db";

/** True while the roster links `studentId` to `contactId` (the creating parent's contact). */
export async function hasActiveParentLink(studentId: number, contactId: number, db: Tx = prisma): Promise<boolean> {
  const link = await db.studentContact.findFirst({ where: { studentId, contactId, removedAt: null }, select: { id: true } });
  return link !== null;
}
