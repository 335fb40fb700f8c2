// GET /api/metrics: this process's Prometheus metrics (lib/ops/metrics.ts), with the shared
// outbox's backlog read from the database. Only for `Authorization: Bearer <METRICS_TOKEN>`;
// without the variable, or with a missing or wrong token, the same 404 as any unknown path.
import { metricsAccessAllowed } from "@/lib/ops/metrics-access";
import { metrics } from "@/lib/ops/metrics";
import { refreshOutboxBacklogGauges } from "@/lib/ops/outbox-backlog-metrics";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  if (!metricsAccessAllowed(request.headers.get("authorization"))) {
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  await refreshOutboxBacklogGauges();
  return new Response(await metrics.registry.metrics(), {
    headers: { "Content-Type": metrics.registry.contentType, "Cache-Control": "no-store" },
  });
}
