// GET /api/console/roster/runs/<id>/report: the run's report (row errors, warnings, or the one
// structural error) as a CSV file, formula-escaped like the audit export (lib/csv/encode-csv.ts).
import type { NextRequest } from "next/server";
import { jsonErrorResponse } from "@/lib/http/json-error-response";
import { parseRunId, rosterStaffOrRefusal } from "@/lib/roster/console/require-roster-staff";
import { getRosterImport } from "@/lib/roster/jobs/roster-import-jobs";
import { rosterReportCsv } from "@/lib/roster/roster-report-csv";

export const dynamic = "force-dynamic";

export async function GET(_request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { refusal } = await rosterStaffOrRefusal();
  if (refusal) return refusal;
  const id = parseRunId((await params).id);
  const run = id === null ? null : await getRosterImport(id);
  if (!run) return jsonErrorResponse("invalid", "That import run does not exist.", undefined, 404);
  if (!run.report) return jsonErrorResponse("conflict", "This run has no report yet: it has not finished.");
  // The report is capped when it is built (lib/roster/roster-report.ts): one string is fine.
  return new Response(rosterReportCsv(run.report), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="roster-import-${run.id}-report.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
