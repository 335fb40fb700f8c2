// Links within the grid: the URL holds the whole view, so every control is a link to a
// search. Changing what is searched or how it is ordered starts again at page 1.
import { parentSearchToParams, type ParentSearch } from "@/lib/parents/search-schema";

export const PARENTS_PATH = "/console/parents";

export function parentsHref(search: ParentSearch, changes: Partial<ParentSearch> = {}): string {
  const query = parentSearchToParams({ ...search, ...changes }).toString();
  return query ? `${PARENTS_PATH}?${query}` : PARENTS_PATH;
}

/** The same view from its first page (new query, letter, order or page size). */
export function parentsFirstPageHref(search: ParentSearch, changes: Partial<ParentSearch>): string {
  return parentsHref(search, { ...changes, page: 1, cursor: undefined });
}
