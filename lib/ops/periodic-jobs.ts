// Background jobs that share the outbox worker's loop in every server process (one loop,
// no extra timers): the loop calls startDue() on each turn. Each run is one log line (debug:
// the SMS job runs every second; failures at error).
import { jobLogger } from "@/lib/ops/logger";

/** Other background work that shares the worker loop (e.g. the retention job). */
export interface PeriodicJob {
  name: string;
  /** Time between the end of one run and the start of the next. */
  everyMs: number;
  /** Delay of the first run after the worker starts. */
  firstRunAfterMs?: number;
  run(): Promise<unknown>;
}

/** Starts each due job without waiting for it, so a long job never holds up mail. */
export function jobScheduler(jobs: readonly PeriodicJob[]) {
  const started = Date.now();
  const state = jobs.map((job) => ({ job, dueAt: started + (job.firstRunAfterMs ?? job.everyMs), running: null as Promise<void> | null }));
  return {
    startDue() {
      for (const entry of state) {
        if (entry.running || Date.now() < entry.dueAt) continue;
        const log = jobLogger(entry.job.name);
        const startedAt = performance.now();
        const durationMs = () => Math.round(performance.now() - startedAt);
        entry.running = entry.job
          .run()
          .then(
            () => log.debug({ durationMs: durationMs() }, "job run"),
            (error: unknown) => log.error({ durationMs: durationMs(), err: error }, "job run failed"),
          )
          .finally(() => {
            entry.running = null;
            entry.dueAt = Date.now() + entry.job.everyMs;
          });
      }
    },
    async settle() {
      await Promise.all(state.map((entry) => entry.running));
    },
  };
}
