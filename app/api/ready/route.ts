// GET /api/ready: may this instance take traffic (lib/ops/readiness.ts)? 200 when ready, 503
// when not, with the checks as JSON either way. Public, for a load balancer: counts, ages and
// migration names only, never an address, host or message from the database driver.
import { checkReadiness } from "@/lib/ops/readiness";

export const dynamic = "force-dynamic";

export async function GET() {
  const readiness = await checkReadiness();
  return Response.json(
    { status: readiness.ready ? "ready" : "not-ready", ...readiness },
    { status: readiness.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
