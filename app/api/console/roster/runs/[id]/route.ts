// GET /api/console/roster/runs/<id>: one import run as JSON (status, phase, rows done / total,
// counts); the import page polls it about once a second while the run is queued or running.
import { NextResponse, type NextRequest } from "next/server";
import { jsonErrorResponse, NO_STORE } from "@/lib/http/json-error-response";
import { parseRunId, rosterStaffOrRefusal } from "@/lib/roster/console/require-roster-staff";
import { toRosterRunView } from "@/lib/roster/console/roster-run-view";
import { getRosterImport } from "@/lib/roster/jobs/roster-import-jobs";

export const dynamic = "force-dynamic";

export async function GET(_request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { refusal } = await rosterStaffOrRefusal();
  if (refusal) return refusal;
  const id = parseRunId((await params).id);
  const run = id === null ? null : await getRosterImport(id);
  if (!run) return jsonErrorResponse("invalid", "That import run does not exist.", undefined, 404);
  return NextResponse.json({ ok: true, data: toRosterRunView(run) }, { headers: NO_STORE });
}
