// Equalizes response times: the caller's work runs, then the response waits until a fixed
// minimum has passed since the start (also when the work throws).
import { setTimeout as sleep } from "node:timers/promises";

export async function withMinimumDuration<T>(minimumMs: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    const remaining = minimumMs - (performance.now() - started);
    if (remaining > 0) await sleep(remaining);
  }
}
