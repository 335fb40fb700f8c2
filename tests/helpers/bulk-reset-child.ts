// A child process for the fault tests: resets every grid row of its database in one bulk
// reset as the given staff member, then prints the outcome. The test kills it with SIGKILL
// mid-transaction, or lets it finish.  tsx tests/helpers/bulk-reset-child.ts <staffUserId>
import { prisma } from "@/lib/db";
import { resetParentLogins } from "@/lib/parents/reset-parent-logins";

const staffUserId = Number(process.argv[2]);
const links = await prisma.studentContact.findMany({ select: { id: true }, orderBy: { id: "asc" } });
const outcome = await resetParentLogins({
  linkIds: links.map((link) => link.id),
  actor: { staffUserId, label: "fault test", ip: "127.0.0.1" },
});
console.log(JSON.stringify(outcome));
await prisma.$disconnect();
