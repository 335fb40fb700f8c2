// Turns a parent's name as staff type it ("garc", "García, Ma") into contact ids, with the
// same folded prefix match as the grid, so the audit filter finds events by contact id.
import { prisma } from "@/lib/db";
import { foldName, KEY_SEPARATOR } from "@/lib/text/fold-name";

export const PARENT_NAME_MATCH_CAP = 1000;

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** "Last, First" narrows to the first name too; otherwise a last-name prefix. */
export function parentKeyPrefix(name: string): string {
  const [last = "", ...rest] = name.split(",");
  const first = rest.join(",");
  const lastKey = foldName(last);
  return first.trim() ? `${lastKey}${KEY_SEPARATOR}${foldName(first)}` : lastKey;
}

export async function resolveParentContactIds(name: string): Promise<{ contactIds: number[]; truncated: boolean }> {
  const prefix = parentKeyPrefix(name);
  if (!prefix) return { contactIds: [], truncated: false };
  const pattern = `${escapeLike(prefix)}%`;
  const rows = await prisma.$queryRaw<{ contactId: number }[]>`
    SELECT DISTINCT "contactId" FROM "StudentContact"
    WHERE "parentKey" LIKE ${pattern}
    LIMIT ${PARENT_NAME_MATCH_CAP + 1}`;
  return {
    contactIds: rows.slice(0, PARENT_NAME_MATCH_CAP).map((row) => row.contactId),
    truncated: rows.length > PARENT_NAME_MATCH_CAP,
  };
}
