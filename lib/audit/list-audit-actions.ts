// Action names for the filter: the known ones plus every distinct one in the trail, read
// with a loose index scan on (action, at) so a trail of millions costs one probe per name.
import { prisma } from "@/lib/db";
import { KNOWN_AUDIT_ACTIONS } from "@/lib/audit/audit-actions";

const MAX_ACTIONS = 200;

export async function listAuditActions(): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ action: string }[]>`
    WITH RECURSIVE names AS (
      (SELECT action FROM "AuditEvent" ORDER BY action LIMIT 1)
      UNION ALL
      SELECT (SELECT e.action FROM "AuditEvent" e WHERE e.action > names.action ORDER BY e.action LIMIT 1)
      FROM names WHERE names.action IS NOT NULL
    )
    SELECT action FROM names WHERE action IS NOT NULL LIMIT ${MAX_ACTIONS}`;
  return [...new Set([...KNOWN_AUDIT_ACTIONS, ...rows.map((row) => row.action)])].sort();
}
