// GET /api/console/audit/export: the audit trail with the page's filters as a streamed CSV
// file (site admins only, capped, and itself audited before any row leaves).
import { NextResponse, type NextRequest } from "next/server";
import { getStaffPrincipal } from "@/lib/auth/current-principal";
import { hasPermission } from "@/lib/auth/permissions";
import { actionError, HTTP_STATUS_BY_CODE, type ActionErrorCode } from "@/lib/actions/action-result";
import { filtersFromParams, parseAuditSearchParams, rejectedAuditParams } from "@/lib/audit/audit-search-params";
import { AUDIT_EXPORT_ROW_CAP, auditEventsCsv } from "@/lib/audit/audit-events-csv";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma } from "@/lib/db";
import { currentClientIp } from "@/lib/http/client-ip";
import { csvDownloadResponse } from "@/lib/http/csv-download-response";

export const dynamic = "force-dynamic";

function fail(code: ActionErrorCode, message: string, fieldErrors?: Record<string, string[]>) {
  return NextResponse.json(actionError(code, message, fieldErrors), {
    status: HTTP_STATUS_BY_CODE[code],
    headers: { "Cache-Control": "no-store" },
  });
}

export async function GET(request: NextRequest) {
  const staff = await getStaffPrincipal();
  if (!staff) return fail("unauthorized", "Sign in to export the audit trail.");
  if (!hasPermission(staff.role, "audit:read")) return fail("forbidden", "You do not have permission to do this.");

  const raw = Object.fromEntries(request.nextUrl.searchParams);
  const { params, problems } = parseAuditSearchParams(raw);
  const rejected = rejectedAuditParams(raw, params);
  if (rejected.length > 0 || problems.length > 0) {
    const fieldErrors = Object.fromEntries(rejected.map((key) => [key, ["This value is not valid."]]));
    if (problems.length > 0) fieldErrors.from = problems;
    return fail("invalid", "Some filters are not valid.", fieldErrors);
  }

  const filters = filtersFromParams(params);
  await recordAuditEvent(prisma, {
    actor: { type: "STAFF", id: staff.staffUserId, label: staff.email, ip: await currentClientIp() },
    action: "audit.export",
    details: {
      filters: { actor: params.actor, actorType: params.actorType, actorId: params.actorId, action: params.action, from: params.from, to: params.to, parent: params.parent, verified: params.verified, ticket: params.ticket },
      rowCap: AUDIT_EXPORT_ROW_CAP,
    },
  });

  return csvDownloadResponse(auditEventsCsv(filters), "audit", "audit export");
}
