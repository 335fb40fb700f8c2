// What a reset of the selected rows would touch, for the confirmation dialog: how many
// parent logins, and which other child rows of the same parents were not selected (the
// old system made staff hunt for those by hand).
import { prisma } from "@/lib/db";
import type { ResetLimits } from "@/lib/parents/reset-limits";
import type { VerificationPolicy } from "@/lib/parents/caller-verification";

/** How many unselected rows the dialog lists by name; the rest are counted. */
const OTHER_ROWS_LISTED = 10;

export interface OtherRow {
  linkId: number;
  parentName: string;
  childName: string;
  studentNumber: string;
}

export interface ResetPreview {
  rows: number;
  /** Distinct parents (contacts) behind the rows. */
  parents: number;
  /** Distinct logins that would be reset now (existing and not already reset). */
  logins: number;
  alreadyReset: number;
  noAccount: number;
  otherRows: { count: number; parents: number; sample: OtherRow[] };
  /** The staff member's limits, so the dialog can state them (the reset enforces them). */
  limits?: ResetLimits;
  /** What the dialog must ask about the caller (the reset checks it again). */
  verification?: VerificationPolicy;
}

export async function previewReset(linkIds: number[]): Promise<ResetPreview> {
  const ids = [...new Set(linkIds)];
  const selected = await prisma.studentContact.findMany({ where: { id: { in: ids } }, select: { id: true, contactId: true } });
  const contactIds = [...new Set(selected.map((link) => link.contactId))];
  const selectedIds = selected.map((link) => link.id);
  const [accounts, otherCount, otherParents, sample] = await Promise.all([
    prisma.parentAccount.findMany({ where: { contactId: { in: contactIds } }, select: { status: true } }),
    prisma.studentContact.count({ where: { contactId: { in: contactIds }, id: { notIn: selectedIds } } }),
    prisma.studentContact.groupBy({ by: ["contactId"], where: { contactId: { in: contactIds }, id: { notIn: selectedIds } } }),
    prisma.studentContact.findMany({
      where: { contactId: { in: contactIds }, id: { notIn: selectedIds } },
      orderBy: [{ parentKey: "asc" }, { id: "asc" }],
      take: OTHER_ROWS_LISTED,
      select: {
        id: true,
        contact: { select: { firstName: true, lastName: true } },
        student: { select: { firstName: true, lastName: true, studentNumber: true } },
      },
    }),
  ]);
  const alreadyReset = accounts.filter((account) => account.status === "RESET").length;
  return {
    rows: selected.length,
    parents: contactIds.length,
    logins: accounts.length - alreadyReset,
    alreadyReset,
    noAccount: contactIds.length - accounts.length,
    otherRows: {
      count: otherCount,
      parents: otherParents.length,
      sample: sample.map((row) => ({
        linkId: row.id,
        parentName: `${row.contact.firstName} ${row.contact.lastName}`,
        childName: `${row.student.firstName} ${row.student.lastName}`,
        studentNumber: row.student.studentNumber,
      })),
    },
  };
}
