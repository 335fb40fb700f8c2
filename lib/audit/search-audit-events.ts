// The audit trail query: filters by actor, action, date range and parent, newest first,
// keyset-paginated on (at, id) so deep pages cost the same as the first one.
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ActorType } from "@/lib/generated/prisma/enums";
import { escapeLike, resolveParentContactIds } from "@/lib/audit/resolve-parent-contact-ids";

export interface AuditSearchFilters {
  /** Case-insensitive "contains" on the actor's label (staff email, parent username). */
  actorText?: string;
  actorType?: ActorType;
  actorId?: number;
  action?: string;
  from?: Date;
  toExclusive?: Date;
  parent?: { contactId: number } | { name: string };
  /** Staff resets by the caller verification recorded with them (caller-verification.ts). */
  verification?: { method?: string; none?: boolean; ticket?: string };
}

export interface AuditCursor {
  at: Date;
  id: bigint;
  /** "after" = older than the cursor (next page), "before" = newer (previous page). */
  direction: "after" | "before";
}

export interface AuditEventRow {
  id: bigint;
  at: Date;
  actorType: ActorType;
  actorId: number | null;
  actorLabel: string | null;
  action: string;
  ip: string | null;
  contactIds: number[];
  details: Prisma.JsonValue;
  /** The X-Request-Id of the request that caused the event (as on its log lines), or null. */
  requestId: string | null;
}

export interface AuditSearchResult {
  rows: AuditEventRow[];
  hasOlder: boolean;
  hasNewer: boolean;
  /** Set when the parent filter was a name: how many contacts it matched. */
  parentMatch?: { contactCount: number; truncated: boolean };
}

export const COUNT_CAP = 10_000;

/** Builds the WHERE clause; null when the filters cannot match anything. */
export async function auditWhere(
  filters: AuditSearchFilters,
): Promise<{ where: Prisma.AuditEventWhereInput | null; parentMatch?: AuditSearchResult["parentMatch"] }> {
  const and: Prisma.AuditEventWhereInput[] = [];
  let parentMatch: AuditSearchResult["parentMatch"];
  // Prisma passes `contains` into ILIKE unescaped: a typed % or _ must stay literal.
  if (filters.actorText) and.push({ actorLabel: { contains: escapeLike(filters.actorText), mode: "insensitive" } });
  if (filters.actorType) and.push({ actorType: filters.actorType });
  if (filters.actorId !== undefined) and.push({ actorId: filters.actorId });
  if (filters.action) and.push({ action: filters.action });
  if (filters.from) and.push({ at: { gte: filters.from } });
  if (filters.toExclusive) and.push({ at: { lt: filters.toExclusive } });
  if (filters.parent && "contactId" in filters.parent) {
    // hasSome is `"contactIds" && ARRAY[...]`, which the GIN index answers.
    and.push({ contactIds: { hasSome: [filters.parent.contactId] } });
  } else if (filters.parent) {
    const resolved = await resolveParentContactIds(filters.parent.name);
    parentMatch = { contactCount: resolved.contactIds.length, truncated: resolved.truncated };
    if (resolved.contactIds.length === 0) return { where: null, parentMatch };
    and.push({ contactIds: { hasSome: resolved.contactIds } });
  }
  if (filters.verification) and.push(...verificationConditions(filters.verification));
  return { where: { AND: and }, parentMatch };
}

/** Only reset events carry a verification; naming the action lets the (action, at) index lead. */
function verificationConditions(filter: NonNullable<AuditSearchFilters["verification"]>): Prisma.AuditEventWhereInput[] {
  const and: Prisma.AuditEventWhereInput[] = [{ action: "parent.reset" }];
  if (filter.method) and.push({ details: { path: ["verification", "methods"], array_contains: [filter.method] } });
  if (filter.none) and.push({ details: { path: ["verification", "methods"], equals: [] } });
  if (filter.ticket) and.push({ details: { path: ["verification", "ticket"], equals: filter.ticket } });
  return and;
}

function keysetCondition(cursor: AuditCursor): Prisma.AuditEventWhereInput {
  const op = cursor.direction === "after" ? "lt" : "gt";
  return { OR: [{ at: { [op]: cursor.at } }, { at: cursor.at, id: { [op]: cursor.id } }] };
}

export async function searchAuditEvents(
  filters: AuditSearchFilters,
  page: { size: number; cursor?: AuditCursor },
): Promise<AuditSearchResult> {
  const { where, parentMatch } = await auditWhere(filters);
  if (!where) return { rows: [], hasOlder: false, hasNewer: false, parentMatch };
  const newerFirst = page.cursor?.direction !== "before";
  const order = newerFirst ? "desc" : "asc";
  const found = await prisma.auditEvent.findMany({
    where: page.cursor ? { AND: [where, keysetCondition(page.cursor)] } : where,
    orderBy: [{ at: order }, { id: order }],
    take: page.size + 1,
  });
  const extra = found.length > page.size;
  const rows = found.slice(0, page.size);
  if (!newerFirst) rows.reverse();
  return {
    rows,
    hasOlder: newerFirst ? extra : true,
    hasNewer: newerFirst ? page.cursor !== undefined : extra,
    parentMatch,
  };
}

/** How many events match, counted up to COUNT_CAP + 1 so a huge trail stays cheap. */
export async function countAuditEvents(filters: AuditSearchFilters): Promise<{ count: number; capped: boolean }> {
  const { where } = await auditWhere(filters);
  if (!where) return { count: 0, capped: false };
  const count = await prisma.auditEvent.count({ where, take: COUNT_CAP + 1 });
  return { count: Math.min(count, COUNT_CAP), capped: count > COUNT_CAP };
}
