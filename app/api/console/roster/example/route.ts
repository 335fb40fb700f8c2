// GET /api/console/roster/example: the demo district as a OneRoster 1.2 zip (made up people),
// for a district to see what a package looks like before exporting its own.
import { rosterStaffOrRefusal } from "@/lib/roster/console/require-roster-staff";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { buildDemoRosterZip, DEMO_ROSTER_FILE_NAME } from "@/scripts/demo/build-demo-roster";

export const dynamic = "force-dynamic";

export async function GET() {
  const { refusal } = await rosterStaffOrRefusal();
  if (refusal) return refusal;
  const { staffEmailDomains } = await getDistrictSettings();
  const zip = buildDemoRosterZip({ staffDomain: staffEmailDomains[0] });
  return new Response(new Uint8Array(zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${DEMO_ROSTER_FILE_NAME}"`,
      "Content-Length": String(zip.length),
      "Cache-Control": "no-store",
    },
  });
}
