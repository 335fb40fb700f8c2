// Started once per server process by instrumentation.ts, next to the mail services: every
// instance runs a roster worker; the job table makes sure each run happens once, one at a time.
import { startRosterWorkerLoop, type RosterWorker } from "./roster-worker";
import { logger } from "@/lib/ops/logger";

const holder = globalThis as unknown as { rosterWorker?: RosterWorker };

export function startRosterWorker(): RosterWorker | null {
  if (holder.rosterWorker) return holder.rosterWorker;
  if (process.env.ROSTER_WORKER === "off") {
    logger.info({ job: "roster-worker" }, "roster import worker disabled (ROSTER_WORKER=off)");
    return null;
  }
  const dropDir = process.env.ROSTER_DROP_DIR || null;
  holder.rosterWorker = startRosterWorkerLoop({ dropDir });
  if (dropDir) logger.info({ job: "roster-worker", dropDir }, "watching the roster drop folder");
  return holder.rosterWorker;
}
