// Staff accounts for the management page (never the password hash).
import { prisma } from "@/lib/db";

export async function listStaffUsers() {
  return prisma.staffUser.findMany({
    select: { id: true, email: true, name: true, role: true, disabled: true, lastSignInAt: true, createdAt: true },
    orderBy: [{ disabled: "asc" }, { email: "asc" }],
  });
}

export type StaffUserListItem = Awaited<ReturnType<typeof listStaffUsers>>[number];
