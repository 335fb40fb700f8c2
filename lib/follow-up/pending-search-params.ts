// The pending re-registration page's URL parameters, parsed once for the page and the CSV
// export. Each falls back on its own: one bad value never throws away the other filters.
import { z } from "zod";

export const PENDING_PAGE_SIZE = 50;
export const PENDING_MIN_DAYS = [0, 1, 3, 7, 14, 30] as const;

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function parseCalendarDate(value: string): Date | null {
  if (!DATE_PATTERN.test(value)) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? date : null;
}

const id = z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined);
const calendarDate = z
  .string()
  .trim()
  .refine((value) => parseCalendarDate(value) !== null)
  .optional()
  .catch(undefined);

export const pendingSearchParamsSchema = z.object({
  school: id,
  resetBy: id,
  from: calendarDate,
  to: calendarDate,
  /** Reset at least this many days ago ("not re-created after N days"). */
  days: z.coerce
    .number()
    .refine((days) => (PENDING_MIN_DAYS as readonly number[]).includes(days))
    .default(0)
    .catch(0),
  after: z
    .string()
    .regex(/^\d{1,15}\.\d{1,10}$/)
    .optional()
    .catch(undefined),
});

export type PendingSearchParams = z.infer<typeof pendingSearchParamsSchema>;

export interface PendingFilters {
  schoolId?: number;
  resetById?: number;
  resetFrom?: Date;
  resetToExclusive?: Date;
  /** Only resets older than this. */
  resetBefore?: Date;
}

export interface PendingCursor {
  resetAt: Date;
  id: number;
}

export function parsePendingSearchParams(raw: Record<string, string | string[] | undefined>): PendingSearchParams {
  const first = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  return pendingSearchParamsSchema.parse(first);
}

export function pendingFiltersFromParams(params: PendingSearchParams, now = new Date()): PendingFilters {
  const from = params.from ? parseCalendarDate(params.from) : null;
  const to = params.to ? parseCalendarDate(params.to) : null;
  return {
    schoolId: params.school,
    resetById: params.resetBy,
    resetFrom: from ?? undefined,
    resetToExclusive: to ? new Date(to.getTime() + DAY_MS) : undefined,
    resetBefore: params.days > 0 ? new Date(now.getTime() - params.days * DAY_MS) : undefined,
  };
}

const MAX_ROW_ID = 2_147_483_647;

export function decodePendingCursor(value: string | undefined): PendingCursor | undefined {
  if (!value) return undefined;
  const [ms, rowId] = value.split(".");
  const resetAt = new Date(Number(ms));
  const id = Number(rowId);
  // A hand-edited cursor must not reach the database as an id beyond a 32-bit integer (a 500).
  return Number.isNaN(resetAt.getTime()) || !Number.isSafeInteger(id) || id > MAX_ROW_ID ? undefined : { resetAt, id };
}

export function encodePendingCursor(row: PendingCursor): string {
  return `${row.resetAt.getTime()}.${row.id}`;
}

/** The query string of the same filters (no cursor unless given), for links and the export. */
export function pendingQueryString(params: PendingSearchParams, overrides: Record<string, string | number | undefined> = {}): string {
  const values: Record<string, string | number | undefined> = {
    school: params.school,
    resetBy: params.resetBy,
    from: params.from,
    to: params.to,
    days: params.days || undefined,
    ...overrides,
  };
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== "") query.set(key, String(value));
  return query.toString();
}
