// The answer to GET /api/console/parents (the grid's search as JSON for signed-in staff), as a
// status and a JSON body, wherever the request is received: the Next.js route
// (app/api/console/parents/route.ts) and the portal server, which answers it before Next.js
// (lib/http/grid-search-endpoint.ts). Bad parameters fall back to defaults (same parser as the page).
import { actionError } from "@/lib/actions/action-result";
import type { StaffPrincipal } from "@/lib/auth/session-cookie-principal";
import { hasPermission } from "@/lib/auth/permissions";
import { logger } from "@/lib/ops/logger";
import { metrics, secondsSince } from "@/lib/ops/metrics";
import { searchParents } from "@/lib/parents/search-parents";
import { parseParentSearch } from "@/lib/parents/search-schema";

export interface GridSearchResponse {
  status: number;
  body: unknown;
}

/** `loadStaff` finds the request's staff principal whose console is open (null for anyone else). */
export async function gridSearchResponse(loadStaff: () => Promise<StaffPrincipal | null>, params: URLSearchParams): Promise<GridSearchResponse> {
  const startedAt = performance.now();
  const response = await answer(loadStaff, params);
  metrics.gridSearchRequest.observe({ status: String(response.status) }, secondsSince(startedAt));
  return response;
}

async function answer(loadStaff: () => Promise<StaffPrincipal | null>, params: URLSearchParams): Promise<GridSearchResponse> {
  try {
    const staff = await loadStaff();
    if (!staff) return { status: 401, body: actionError("unauthorized", "Sign in to search parents.") };
    if (!hasPermission(staff.role, "parents:search")) {
      return { status: 403, body: actionError("forbidden", "You do not have permission to search parents.") };
    }
    const data = await searchParents(parseParentSearch(params));
    return { status: 200, body: { ok: true, data } };
  } catch (error) {
    // Not caused by the request (parsing never throws): the database or the session store.
    logger.error({ err: error }, "grid search failed");
    return { status: 503, body: actionError("error", "Search is temporarily unavailable.") };
  }
}
