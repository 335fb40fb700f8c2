// Previous/next links: keyset cursors when the server gave them (default order), page
// numbers otherwise; page 1 never carries a cursor.
import type { ParentSearchResult } from "@/lib/parents/search-parents";
import type { ParentSearch } from "@/lib/parents/search-schema";
import { parentsFirstPageHref, parentsHref } from "./parents-href";

export function paginationHrefs(search: ParentSearch, info: ParentSearchResult["pageInfo"]) {
  const first = search.page > 1 || info.hasPreviousPage ? parentsFirstPageHref(search, {}) : null;
  let previous: string | null = null;
  if (info.hasPreviousPage) {
    if (search.page <= 2) previous = parentsFirstPageHref(search, {});
    else if (info.previousCursor) previous = parentsHref(search, { cursor: info.previousCursor, page: search.page - 1 });
    else previous = parentsHref(search, { cursor: undefined, page: search.page - 1 });
  }
  let next: string | null = null;
  if (info.hasNextPage) {
    next = info.nextCursor
      ? parentsHref(search, { cursor: info.nextCursor, page: search.page + 1 })
      : parentsHref(search, { cursor: undefined, page: search.page + 1 });
  }
  return { first, previous, next };
}
