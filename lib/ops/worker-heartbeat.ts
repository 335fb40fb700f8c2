// Whether this process's background loops are turning, for GET /api/ready. Each loop beats on
// every turn; a loop that has not beaten for a while is stuck. Kept on globalThis: the loops
// start from instrumentation.ts and the readiness route reads them, two copies of this module.
export type WorkerName = "outbox";

export type WorkerState =
  /** Not started in this process (switched off, or not this process's job): other instances do the work. */
  | { state: "off"; reason: string }
  | { state: "running"; lastTurnSecondsAgo: number }
  | { state: "stalled"; lastTurnSecondsAgo: number };

interface Beat {
  off?: string;
  lastTurnAt?: number;
  /** How long a turn may take before the loop counts as stuck. */
  stallAfterMs: number;
}

const KEY = Symbol.for("parent-portal.worker-heartbeats");
const holder = globalThis as unknown as Record<symbol, Map<WorkerName, Beat> | undefined>;
const beats: Map<WorkerName, Beat> = (holder[KEY] ??= new Map());

/** A loop began: beats are expected from now on. */
export function workerStarted(name: WorkerName, stallAfterMs: number): void {
  beats.set(name, { lastTurnAt: Date.now(), stallAfterMs });
}

export function workerBeat(name: WorkerName): void {
  const beat = beats.get(name);
  if (beat) beat.lastTurnAt = Date.now();
}

/** The loop will not run in this process, and why (shown by the readiness check). */
export function workerOff(name: WorkerName, reason: string): void {
  beats.set(name, { off: reason, stallAfterMs: 0 });
}

export function workerState(name: WorkerName, now = Date.now()): WorkerState {
  const beat = beats.get(name);
  if (!beat) return { state: "off", reason: "not started in this process" };
  if (beat.off !== undefined) return { state: "off", reason: beat.off };
  const ago = now - (beat.lastTurnAt ?? 0);
  const lastTurnSecondsAgo = Math.round(ago / 100) / 10;
  return ago > beat.stallAfterMs ? { state: "stalled", lastTurnSecondsAgo } : { state: "running", lastTurnSecondsAgo };
}
