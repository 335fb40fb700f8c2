// The outbox gauges, read from the database at each scrape, right before the metrics are
// written (the queue is shared by every instance, so no process could count it alone). A
// failed read leaves the gauges without samples and sets portal_outbox_backlog_read_ok to 0
// rather than failing the whole scrape.
import { Gauge } from "prom-client";
import { logger } from "@/lib/ops/logger";
import { metrics } from "@/lib/ops/metrics";
import { readOutboxBacklog } from "@/lib/ops/outbox-backlog";

function createGauges() {
  const registers = [metrics.registry];
  return {
    depth: new Gauge({ name: "portal_outbox_queue_depth", help: "Messages waiting in the outbox (all instances), by outbox (mail, sms)", labelNames: ["outbox"] as const, registers }),
    oldest: new Gauge({ name: "portal_outbox_oldest_queued_seconds", help: "Age of the oldest message waiting in the outbox, by outbox; 0 when empty", labelNames: ["outbox"] as const, registers }),
    readOk: new Gauge({ name: "portal_outbox_backlog_read_ok", help: "1 when the outbox gauges were read from the database at this scrape, 0 when the read failed", registers }),
  };
}

const KEY = Symbol.for("parent-portal.outbox-backlog-gauges");
const holder = globalThis as unknown as Record<symbol, ReturnType<typeof createGauges> | undefined>;

export async function refreshOutboxBacklogGauges(): Promise<void> {
  const gauges = (holder[KEY] ??= createGauges());
  gauges.depth.reset();
  gauges.oldest.reset();
  try {
    const backlog = await readOutboxBacklog();
    for (const outbox of ["mail", "sms"] as const) {
      gauges.depth.set({ outbox }, backlog[outbox].queued);
      gauges.oldest.set({ outbox }, backlog[outbox].oldestQueuedSeconds);
    }
    gauges.readOk.set(1);
  } catch (error) {
    logger.warn({ err: error }, "could not read the outbox backlog for the metrics");
    gauges.readOk.set(0);
  }
}
