// POST /api/console/roster/upload?name=<file name>: the body is the roster zip itself, streamed
// to disk (not a server action: those are held in memory and capped), then queued as a dry run.
// Site admins only, from our own pages only (Origin). Answers 202 with the run's id.
import { NextResponse, type NextRequest } from "next/server";
import { ActionFailure } from "@/lib/actions/action-result";
import { getStaffPrincipal } from "@/lib/auth/current-principal";
import { hasPermission } from "@/lib/auth/permissions";
import { currentClientIp } from "@/lib/http/client-ip";
import { jsonErrorResponse, NO_STORE } from "@/lib/http/json-error-response";
import { isSameOriginRequest } from "@/lib/http/same-origin-request";
import { receiveRosterUpload, RosterUploadRefusedError } from "@/lib/roster/console/receive-roster-upload";
import { staffActorOf } from "@/lib/staff/staff-actor";
import { logger } from "@/lib/ops/logger";

export const dynamic = "force-dynamic";

function declaredLength(request: NextRequest): number | null {
  const value = request.headers.get("content-length");
  return value && /^\d{1,15}$/.test(value) ? Number(value) : null;
}

export async function POST(request: NextRequest) {
  if (!isSameOriginRequest(request.headers)) return jsonErrorResponse("forbidden", "This upload did not come from the console.");
  const staff = await getStaffPrincipal();
  if (!staff) return jsonErrorResponse("unauthorized", "Your session has ended. Please sign in again.");
  if (!hasPermission(staff.role, "roster:import")) return jsonErrorResponse("forbidden", "You do not have permission to do this.");
  const declaredBytes = declaredLength(request);
  try {
    const job = await receiveRosterUpload(staffActorOf({ staff, ip: await currentClientIp() }), {
      body: request.body,
      fileName: request.nextUrl.searchParams.get("name"),
      declaredBytes,
    });
    return NextResponse.json({ ok: true, data: { importId: job.id } }, { status: 202, headers: NO_STORE });
  } catch (error) {
    if (error instanceof RosterUploadRefusedError) return jsonErrorResponse(error.code, error.message, error.fieldErrors, error.httpStatus);
    if (error instanceof ActionFailure) return jsonErrorResponse(error.code, error.message, error.fieldErrors);
    logger.error({ err: error }, "roster upload failed");
    return jsonErrorResponse("error", "The upload could not be stored. Nothing was imported; please try again.");
  }
}
