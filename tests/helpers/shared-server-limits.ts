// The browser tests share one server, and every request reaches it from the same loopback
// address, so the per-address allowances of self-service (lib/accounts/self-service-limits.ts:
// 5 registrations per 15 minutes per address) are shared by every test file. A file that needs
// them starts from a fresh allowance; per-student ceilings and per-account limits stay.
import type { PrismaClient } from "@/lib/generated/prisma/client";

export async function resetSelfServiceAddressLimits(db: Pick<PrismaClient, "rateLimitBucket">): Promise<void> {
  await db.rateLimitBucket.deleteMany({
    where: { OR: ["register:ip:", "register:student-ip:", "resend:ip:", "resend:student-ip:"].map((prefix) => ({ key: { startsWith: prefix } })) },
  });
}
