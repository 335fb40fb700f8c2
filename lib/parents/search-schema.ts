// The grid's URL parameters. They come from a shareable link or a hand-edited address bar,
// so every field falls back to its default instead of failing.
import { z } from "zod";

export const SORT_COLUMNS = ["parent", "child", "studentNumber", "school", "grade", "relationship", "username", "status"] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 50;
export const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");
export const MAX_QUERY_LENGTH = 64;
const MAX_PAGE = 10_000;

// Control characters (including the key separator) can never be part of a typed name.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

const querySchema = z
  .string()
  .transform((value) => value.replace(CONTROL_CHARACTERS, "").trim().slice(0, MAX_QUERY_LENGTH).trim())
  .catch("");

const letterSchema = z
  .string()
  .trim()
  .transform((value) => (value.toLowerCase() === "all" ? "all" : value.toUpperCase()))
  .pipe(z.union([z.literal("all"), z.string().regex(/^[A-Z]$/)]))
  .catch("all");

const pageSizeSchema = z.coerce
  .number()
  .refine((value): value is PageSize => (PAGE_SIZES as readonly number[]).includes(value))
  .catch(DEFAULT_PAGE_SIZE);

export const parentSearchSchema = z.object({
  q: querySchema.default(""),
  letter: letterSchema.default("all"),
  sort: z.enum(SORT_COLUMNS).catch("parent").default("parent"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  size: pageSizeSchema.default(DEFAULT_PAGE_SIZE) as z.ZodType<PageSize, unknown>,
  /** Opaque keyset cursor of the row before (or after) the page, for the order it names. */
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,2000}$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1).default(1),
  /** "1": only rows the roster removed (a separate view, never mixed with rows in the roster). */
  removed: z
    .enum(["0", "1"])
    .catch("0")
    .default("0")
    .transform((value) => value === "1"),
});

export type ParentSearch = z.infer<typeof parentSearchSchema>;
export type ParentSearchInput = z.input<typeof parentSearchSchema>;

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

/** First value of each known parameter, parsed; never throws. */
export function parseParentSearch(raw: RawParams | null | undefined): ParentSearch {
  const pick = (name: string): string | undefined => {
    if (!raw) return undefined;
    if (raw instanceof URLSearchParams) return raw.get(name) ?? undefined;
    const value = raw[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const input = Object.fromEntries(
    ["q", "letter", "sort", "dir", "size", "cursor", "page", "removed"].map((name) => [name, pick(name)]).filter(([, value]) => value !== undefined),
  );
  return parentSearchSchema.parse(input);
}

/** Serializes a search back to URL parameters, leaving defaults out so links stay short. */
export function parentSearchToParams(search: Partial<ParentSearch>): URLSearchParams {
  const params = new URLSearchParams();
  if (search.q) params.set("q", search.q);
  else if (search.letter && search.letter !== "all") params.set("letter", search.letter);
  if (search.sort && search.sort !== "parent") params.set("sort", search.sort);
  if (search.dir && search.dir !== "asc") params.set("dir", search.dir);
  if (search.size && search.size !== DEFAULT_PAGE_SIZE) params.set("size", String(search.size));
  if (search.page && search.page > 1) params.set("page", String(search.page));
  if (search.cursor) params.set("cursor", search.cursor);
  if (search.removed) params.set("removed", "1");
  return params;
}
