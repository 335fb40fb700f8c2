// GET /api/console/parents?q=&letter=&sort=&dir=&size=&cursor=&page= : the grid's search as
// JSON for signed-in staff (same parser as the page: bad parameters fall back to defaults).
import { NextResponse, type NextRequest } from "next/server";
import { actionError } from "@/lib/actions/action-result";
import { getStaffPrincipal } from "@/lib/auth/current-principal";
import { hasPermission } from "@/lib/auth/permissions";
import { logger } from "@/lib/ops/logger";
import { metrics, secondsSince } from "@/lib/ops/metrics";
import { searchParents } from "@/lib/parents/search-parents";
import { parseParentSearch } from "@/lib/parents/search-schema";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

export async function GET(request: NextRequest) {
  const startedAt = performance.now();
  const response = await answer(request);
  metrics.gridSearchRequest.observe({ status: String(response.status) }, secondsSince(startedAt));
  return response;
}

async function answer(request: NextRequest): Promise<NextResponse> {
  try {
    const staff = await getStaffPrincipal();
    if (!staff) return NextResponse.json(actionError("unauthorized", "Sign in to search parents."), { status: 401, headers: NO_STORE });
    if (!hasPermission(staff.role, "parents:search")) {
      return NextResponse.json(actionError("forbidden", "You do not have permission to search parents."), { status: 403, headers: NO_STORE });
    }
    const search = parseParentSearch(request.nextUrl.searchParams);
    const data = await searchParents(search);
    return NextResponse.json({ ok: true, data }, { headers: NO_STORE });
  } catch (error) {
    // Not caused by the request (parsing never throws): the database or the session store.
    logger.error({ err: error }, "grid search failed");
    return NextResponse.json(actionError("error", "Search is temporarily unavailable."), { status: 503, headers: NO_STORE });
  }
}
