// The audit trail's URL parameters, parsed once for the page and the CSV export. Each
// field falls back on its own, so one bad value never throws away the other filters.
import { z } from "zod";
import { AUDIT_ACTION_PATTERN } from "@/lib/audit/audit-actions";
import type { AuditCursor, AuditSearchFilters } from "@/lib/audit/search-audit-events";

export const AUDIT_PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_AUDIT_PAGE_SIZE = 50;
/** The `verified` filter's value for resets recorded with no verification ticked. */
export const NO_VERIFICATION = "none";
export const ACTOR_TYPES = ["STAFF", "PARENT", "ANONYMOUS", "SYSTEM"] as const;

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** "2024-02-30" is refused: the date must survive a round trip through Date. */
function parseCalendarDate(value: string): Date | null {
  if (!DATE_PATTERN.test(value)) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? date : null;
}

const optionalText = (max: number) =>
  z.string().trim().max(max).transform((value) => value || undefined).optional().catch(undefined);
const calendarDate = z
  .string()
  .trim()
  .refine((value) => value === "" || parseCalendarDate(value) !== null)
  .transform((value) => value || undefined)
  .optional()
  .catch(undefined);
const cursor = z
  .string()
  .regex(/^\d{1,15}\.\d{1,19}$/)
  .optional()
  .catch(undefined);

export const auditSearchParamsSchema = z.object({
  actor: optionalText(254),
  actorType: z.enum(ACTOR_TYPES).optional().catch(undefined),
  actorId: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  action: z.string().trim().regex(AUDIT_ACTION_PATTERN).optional().catch(undefined),
  from: calendarDate,
  to: calendarDate,
  parent: optionalText(100),
  // Resets by how the caller was verified: a checklist entry, or "none" for resets recorded without one.
  verified: optionalText(200),
  ticket: optionalText(64),
  size: z.coerce
    .number()
    .refine((size) => (AUDIT_PAGE_SIZES as readonly number[]).includes(size))
    .default(DEFAULT_AUDIT_PAGE_SIZE)
    .catch(DEFAULT_AUDIT_PAGE_SIZE),
  after: cursor,
  before: cursor,
});

export type AuditSearchParams = z.infer<typeof auditSearchParamsSchema>;

/** Next passes repeated keys as arrays: the first value wins. */
export function firstValues(raw: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
}

export function parseAuditSearchParams(raw: Record<string, string | string[] | undefined>): {
  params: AuditSearchParams;
  problems: string[];
} {
  const params = auditSearchParamsSchema.parse(firstValues(raw));
  const problems: string[] = [];
  if (params.from && params.to && params.from > params.to) {
    problems.push("The start date is after the end date, so the date range was ignored.");
    params.from = undefined;
    params.to = undefined;
  }
  return { params, problems };
}

export function decodeAuditCursor(value: string | undefined): { at: Date; id: bigint } | undefined {
  if (!value) return undefined;
  const [ms, id] = value.split(".");
  const at = new Date(Number(ms));
  return Number.isNaN(at.getTime()) ? undefined : { at, id: BigInt(id!) };
}

export function encodeAuditCursor(row: { at: Date; id: bigint }): string {
  return `${row.at.getTime()}.${row.id}`;
}

/** Turns URL parameters into the domain's filters (dates as UTC day bounds). */
export function filtersFromParams(params: AuditSearchParams): AuditSearchFilters {
  const parent = params.parent;
  const from = params.from ? parseCalendarDate(params.from) : null;
  const to = params.to ? parseCalendarDate(params.to) : null;
  return {
    actorText: params.actor,
    actorType: params.actorType,
    actorId: params.actorId,
    action: params.action,
    from: from ?? undefined,
    toExclusive: to ? new Date(to.getTime() + 24 * 60 * 60 * 1000) : undefined,
    parent: !parent ? undefined : /^\d{1,9}$/.test(parent) ? { contactId: Number(parent) } : { name: parent },
    verification:
      params.verified || params.ticket
        ? { ...(params.verified === NO_VERIFICATION ? { none: true } : params.verified ? { method: params.verified } : {}), ticket: params.ticket }
        : undefined,
  };
}

export function cursorFromParams(params: AuditSearchParams): AuditCursor | undefined {
  const after = decodeAuditCursor(params.after);
  if (after) return { ...after, direction: "after" };
  const before = decodeAuditCursor(params.before);
  return before ? { ...before, direction: "before" } : undefined;
}

/** The query string for the same filters (no cursor), e.g. for the export link. */
export function filterQueryString(params: AuditSearchParams, overrides: Record<string, string | number | undefined> = {}) {
  const query = new URLSearchParams();
  const values: Record<string, string | number | undefined> = {
    actor: params.actor,
    actorType: params.actorType,
    actorId: params.actorId,
    action: params.action,
    from: params.from,
    to: params.to,
    parent: params.parent,
    verified: params.verified,
    ticket: params.ticket,
    size: params.size === DEFAULT_AUDIT_PAGE_SIZE ? undefined : params.size,
    ...overrides,
  };
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== "") query.set(key, String(value));
  return query.toString();
}

/** Names of parameters that were given but could not be used (the export refuses them). */
export function rejectedAuditParams(raw: Record<string, string | string[] | undefined>, params: AuditSearchParams): string[] {
  const given = firstValues(raw);
  const rejected: string[] = [];
  for (const key of Object.keys(auditSearchParamsSchema.shape) as (keyof AuditSearchParams)[]) {
    const value = given[key]?.trim();
    if (!value) continue;
    if (params[key] === undefined || (key === "size" && String(params.size) !== value)) rejected.push(key);
  }
  return rejected;
}
