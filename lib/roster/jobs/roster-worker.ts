// The roster worker loop of one process: on each turn it recovers abandoned runs, looks at the
// drop folder, runs the next queued import (one at a time: a run takes the loop until it ends),
// and now and then deletes package files no run needs any more.
import { rosterDropFolder } from "./roster-drop-folder";
import { defaultLeaseMs, runNextRosterImport } from "./roster-import-runner";
import { purgeRosterPackages } from "./roster-package-retention";
import { jobLogger } from "@/lib/ops/logger";

export type RosterWorkerOptions = {
  /** Time between two looks at the queue (ROSTER_POLL_MS, default 3000 ms). */
  pollMs?: number;
  /** The drop folder (ROSTER_DROP_DIR); none when unset. */
  dropDir?: string | null;
  leaseMs?: number;
  /** Time between two package purges (default hourly). */
  purgeEveryMs?: number;
};

export type RosterWorker = { stop(): Promise<void> };

const HOUR_MS = 3_600_000;
const log = jobLogger("roster-worker");

/** For the server log: the first line of the message, no credentials from URLs. */
function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split("\n")[0] ?? "").replace(/\/\/[^\s/@]+@/g, "//***@").slice(0, 500);
}

export function startRosterWorkerLoop(options: RosterWorkerOptions = {}): RosterWorker {
  const pollMs = options.pollMs ?? (Number(process.env.ROSTER_POLL_MS) || 3000);
  const leaseMs = options.leaseMs ?? defaultLeaseMs();
  const purgeEveryMs = options.purgeEveryMs ?? HOUR_MS;
  const drop = options.dropDir ? rosterDropFolder(options.dropDir) : null;
  let stopped = false;
  let wake: (() => void) | null = null;
  let nextPurgeAt = Date.now() + Math.min(purgeEveryMs, 60_000);
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => { wake = null; resolve(); }, ms);
      wake = () => { clearTimeout(timer); wake = null; resolve(); };
    });

  // A drop folder that is missing or unreadable, or a purge that fails, must not stop the
  // console's imports: those parts only log (once until they work again).
  const failing = new Set<string>();
  const guarded = async (part: string, work: () => Promise<unknown>) => {
    try {
      await work();
      failing.delete(part);
    } catch (error) {
      if (!failing.has(part)) log.error({ part, error: describe(error) }, "roster worker step failed");
      failing.add(part);
    }
  };

  const turn = async (): Promise<boolean> => {
    if (drop) {
      await guarded("drop folder", async () => {
        await drop.settle();
        await drop.scan();
      });
    }
    // The command runs its own runs (it waits for them in its terminal).
    const outcome = await runNextRosterImport({ leaseMs, triggers: ["CONSOLE", "DROP_FOLDER"] });
    if (drop && outcome.status === "ran") await guarded("drop folder (moving finished files)", () => drop.settle());
    if (Date.now() >= nextPurgeAt) {
      nextPurgeAt = Date.now() + purgeEveryMs;
      await guarded("package purge", () => purgeRosterPackages());
    }
    return outcome.status === "ran";
  };

  const loop = (async () => {
    let errorStreak = 0;
    while (!stopped) {
      try {
        const ran = await turn();
        errorStreak = 0;
        if (!ran) await sleep(pollMs);
      } catch (error) {
        // Database or disk unavailable: keep the worker alive, slow down.
        errorStreak += 1;
        log.error({ error: describe(error), errorStreak }, "roster worker turn failed");
        await sleep(Math.min(60_000, pollMs * 2 ** Math.min(errorStreak, 6)));
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
