// GET /api/console/parents?q=&letter=&sort=&dir=&size=&cursor=&page= : the grid's search as
// JSON for signed-in staff (lib/parents/grid-search-response.ts). `npm start`'s server answers
// it before Next.js (lib/http/grid-search-endpoint.ts); this route serves it anywhere else.
import { NextResponse, type NextRequest } from "next/server";
import { getStaffPrincipal } from "@/lib/auth/current-principal";
import { gridSearchResponse } from "@/lib/parents/grid-search-response";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const { status, body } = await gridSearchResponse(getStaffPrincipal, request.nextUrl.searchParams);
  return NextResponse.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
