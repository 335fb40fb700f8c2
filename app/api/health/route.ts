// GET /api/health: the process is up and answering (no database call), for a load balancer's
// liveness probe. Public; says nothing but that.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok", uptimeSeconds: Math.round(process.uptime()) }, { headers: { "Cache-Control": "no-store" } });
}
