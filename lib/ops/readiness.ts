// GET /api/ready's checks: may this instance take traffic? The database answers within a
// couple of seconds, every migration of this build is applied, and the outbox worker of this
// process is turning (or switched off here on purpose: another instance sends). The age of the
// oldest queued mail is reported, not judged: the queue is shared, so a backlog is no reason
// to take this instance out of the load balancer (alert on the metric instead).
import { readMigrationStatus } from "@/lib/ops/migration-status";
import { readOutboxBacklog, type OutboxBacklog } from "@/lib/ops/outbox-backlog";
import { workerState, type WorkerState } from "@/lib/ops/worker-heartbeat";

export const DATABASE_TIMEOUT_MS = 2_000;

export interface Readiness {
  ready: boolean;
  database: { ok: boolean; latencyMs?: number; error?: string };
  migrations: { ok: boolean; applied?: number; pending?: string[] };
  outboxWorker: WorkerState & { ok: boolean };
  outbox?: { mail: OutboxBacklog; sms: OutboxBacklog };
}

class TimeoutError extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function checkReadiness(): Promise<Readiness> {
  const worker = workerState("outbox");
  const outboxWorker = { ...worker, ok: worker.state !== "stalled" };
  const startedAt = performance.now();
  try {
    const [migrations, outbox] = await withTimeout(Promise.all([readMigrationStatus(), readOutboxBacklog()]), DATABASE_TIMEOUT_MS);
    const migrationsOk = migrations.pending.length === 0;
    return {
      ready: migrationsOk && outboxWorker.ok,
      database: { ok: true, latencyMs: Math.round(performance.now() - startedAt) },
      migrations: { ok: migrationsOk, applied: migrations.applied, pending: migrations.pending },
      outboxWorker,
      outbox,
    };
  } catch (error) {
    // Only the kind of failure: a driver's message can name hosts and users.
    return {
      ready: false,
      database: { ok: false, error: error instanceof TimeoutError ? error.message : "unreachable" },
      migrations: { ok: false },
      outboxWorker,
    };
  }
}
