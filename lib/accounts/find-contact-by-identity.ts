// Finds the one contact (parent) who is linked to every given student and whose recorded
// first and last name match what was typed (identity-match.ts rules). The reason of a
// failure is for the audit trail only: callers show the parent one generic message.
import type { Tx } from "@/lib/db";
import { prisma } from "@/lib/db";
import { distinctStudentIds, matchKey, namesMatch, type PersonName } from "@/lib/accounts/identity-match";

export type IdentityMismatch = "unknown_student" | "name_mismatch" | "not_linked_to_all" | "ambiguous";

export interface IdentityQuery extends PersonName {
  studentIds: readonly string[];
}

export async function findContactByIdentity(query: IdentityQuery, db: Tx | typeof prisma = prisma) {
  const keys = distinctStudentIds(query.studentIds);
  if (keys.length === 0) return { ok: false as const, reason: "unknown_student" as IdentityMismatch };
  // Student numbers are stored as the SIS prints them; asking for the typed, upper- and
  // lower-case forms keeps the lookup on the unique index, then matchKey decides.
  const variants = [...new Set(query.studentIds.flatMap((id) => [id.trim(), id.trim().toUpperCase(), id.trim().toLowerCase()]))];
  const students = await db.student.findMany({
    // Only what the roster still lists: a removed student, contact or link proves nothing.
    where: { studentNumber: { in: variants }, removedAt: null },
    select: { id: true, studentNumber: true },
  });
  // Two students whose numbers differ only in case (an SIS that allows it) are not told apart
  // by what a parent types: neither proves anything.
  const studentByKey = new Map<string, number | null>();
  for (const student of students) {
    const key = matchKey(student.studentNumber);
    studentByKey.set(key, studentByKey.has(key) ? null : student.id);
  }
  const studentIds = keys.map((key) => studentByKey.get(key));
  if (studentIds.some((id) => id === null)) return { ok: false as const, reason: "ambiguous" as IdentityMismatch };
  if (studentIds.some((id) => id === undefined)) return { ok: false as const, reason: "unknown_student" as IdentityMismatch };

  const links = await db.studentContact.findMany({
    where: { studentId: { in: studentIds as number[] }, removedAt: null, contact: { removedAt: null } },
    select: { studentId: true, contact: { include: { account: true } } },
  });
  const nameMatches = links.filter((link) => namesMatch(link.contact, query));
  if (nameMatches.length === 0) return { ok: false as const, reason: "name_mismatch" as IdentityMismatch };

  // The same person must be on every student's record (contact-level match).
  const contacts = new Map(nameMatches.map((link) => [link.contact.id, link.contact]));
  const linkedToAll = [...contacts.values()].filter((contact) =>
    (studentIds as number[]).every((studentId) => nameMatches.some((link) => link.studentId === studentId && link.contact.id === contact.id)),
  );
  if (linkedToAll.length === 0) return { ok: false as const, reason: "not_linked_to_all" as IdentityMismatch };
  if (linkedToAll.length > 1) return { ok: false as const, reason: "ambiguous" as IdentityMismatch };
  return { ok: true as const, contact: linkedToAll[0]!, studentRowIds: studentIds as number[] };
}

export type IdentityMatch = Extract<Awaited<ReturnType<typeof findContactByIdentity>>, { ok: true }>;
export type MatchedContact = IdentityMatch["contact"];
