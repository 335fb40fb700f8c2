// The retention job as the worker loop schedules it in every server process: hourly by
// default (RETENTION_INTERVAL_MS), first a minute after start. Every instance schedules it;
// the lock and the "ran recently" check in runRetention make one run per interval in all.
import type { PeriodicJob } from "@/lib/ops/periodic-jobs";
import { runRetention } from "@/lib/ops/retention";

const HOUR_MS = 3_600_000;

export function retentionJob(everyMs = Number(process.env.RETENTION_INTERVAL_MS) || HOUR_MS): PeriodicJob {
  return {
    name: "retention",
    everyMs,
    firstRunAfterMs: Math.min(everyMs, 60_000),
    // 0.9: instances started a little apart still share one run per interval.
    run: () => runRetention({ minIntervalMs: Math.floor(everyMs * 0.9) }),
  };
}
