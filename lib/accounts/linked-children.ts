// The children linked to a parent's contact record, for the parent home page.
import { prisma } from "@/lib/db";

export interface LinkedChild {
  studentId: number;
  firstName: string;
  lastName: string;
  grade: string;
  schoolName: string;
  relationship: string;
  studentAccountUsername: string | null;
}

export async function listLinkedChildren(parentAccountId: number): Promise<LinkedChild[]> {
  const account = await prisma.parentAccount.findUnique({ where: { id: parentAccountId }, select: { contactId: true } });
  if (!account) return [];
  const links = await prisma.studentContact.findMany({
    where: { contactId: account.contactId },
    include: { student: { include: { school: true, account: { select: { username: true } } } } },
    orderBy: [{ student: { firstName: "asc" } }, { studentId: "asc" }],
  });
  return links.map(({ student, relationship }) => ({
    studentId: student.id,
    firstName: student.firstName,
    lastName: student.lastName,
    grade: student.grade,
    schoolName: student.school.name,
    relationship,
    studentAccountUsername: student.account?.username ?? null,
  }));
}
