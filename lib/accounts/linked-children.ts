// The parent home page's data: the parent's name and the children linked to their contact record.
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

export interface ParentHome {
  firstName: string;
  lastName: string;
  /** Set when staff reset this login at some point: student accounts must be made again. */
  wasReset: boolean;
  children: LinkedChild[];
}

export async function loadParentHome(parentAccountId: number): Promise<ParentHome | null> {
  const account = await prisma.parentAccount.findUnique({
    where: { id: parentAccountId },
    select: { resetAt: true, contact: { select: { firstName: true, lastName: true } } },
  });
  if (!account) return null;
  const children = await listLinkedChildren(parentAccountId);
  return { ...account.contact, wasReset: account.resetAt !== null, children };
}

export async function listLinkedChildren(parentAccountId: number): Promise<LinkedChild[]> {
  const account = await prisma.parentAccount.findUnique({ where: { id: parentAccountId }, select: { contactId: true } });
  if (!account) return [];
  const links = await prisma.studentContact.findMany({
    // Children the roster no longer links to this parent are not theirs to see or manage.
    where: { contactId: account.contactId, removedAt: null },
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
