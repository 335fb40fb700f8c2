// GET /api/console/pending/export: the pending re-registrations with the page's filters as
// a streamed CSV file (staff who may reset), capped, and itself audited before any row leaves.
import { NextResponse, type NextRequest } from "next/server";
import { getStaffPrincipal } from "@/lib/auth/current-principal";
import { hasPermission } from "@/lib/auth/permissions";
import { actionError, HTTP_STATUS_BY_CODE, type ActionErrorCode } from "@/lib/actions/action-result";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma } from "@/lib/db";
import { currentClientIp } from "@/lib/http/client-ip";
import { parsePendingSearchParams, pendingFiltersFromParams } from "@/lib/follow-up/pending-search-params";
import { PENDING_EXPORT_ROW_CAP, pendingReregistrationsCsv } from "@/lib/follow-up/pending-reregistrations-csv";
import { csvDownloadResponse } from "@/lib/http/csv-download-response";

export const dynamic = "force-dynamic";

function fail(code: ActionErrorCode, message: string) {
  return NextResponse.json(actionError(code, message), { status: HTTP_STATUS_BY_CODE[code], headers: { "Cache-Control": "no-store" } });
}

export async function GET(request: NextRequest) {
  const staff = await getStaffPrincipal();
  if (!staff) return fail("unauthorized", "Sign in to export the pending re-registrations.");
  if (!hasPermission(staff.role, "parents:reset")) return fail("forbidden", "You do not have permission to do this.");

  const params = parsePendingSearchParams(Object.fromEntries(request.nextUrl.searchParams));
  await recordAuditEvent(prisma, {
    actor: { type: "STAFF", id: staff.staffUserId, label: staff.email, ip: await currentClientIp() },
    action: "parent.pending.export",
    details: { filters: { school: params.school, resetBy: params.resetBy, from: params.from, to: params.to, days: params.days }, rowCap: PENDING_EXPORT_ROW_CAP },
  });

  return csvDownloadResponse(pendingReregistrationsCsv(pendingFiltersFromParams(params)), "pending-reregistration", "pending export");
}
