// One importRoster run in a process of its own, for `npm run bench`: the peak RSS it reports
// (process.resourceUsage().maxRSS at the end) is the importing process's alone, not the
// benchmark's. Prints one RESULT line of JSON: outcome, summary, wall time, time per phase.
// Usage: DATABASE_URL=... node --import tsx scripts/bench/run-import.ts <zip|folder>
import path from "node:path";
import { performance } from "node:perf_hooks";
import { importRoster } from "@/lib/roster/import-roster";
import type { RosterImportPhase } from "@/lib/roster/import-roster-types";
import { RESULT_MARK, type ImportRun } from "./import-bench";
import { traceSql } from "./trace-sql";

async function main() {
  const source = process.argv[2];
  if (!source) throw new Error("usage: run-import.ts <zip|folder>");
  const slowest = process.env.BENCH_TRACE_SQL === "1" ? traceSql() : null;
  const phases: ImportRun["phases"] = [];
  let current: { phase: RosterImportPhase; at: number } | null = null;
  const closePhase = (now: number) => {
    if (current) phases.push({ phase: current.phase, seconds: (now - current.at) / 1000 });
  };
  const started = performance.now();
  const result = await importRoster({
    source,
    dryRun: false,
    confirmRemovals: false,
    actor: { type: "SYSTEM", label: "npm run bench" },
    fileName: path.basename(source),
    onProgress: ({ phase }) => {
      if (current?.phase === phase) return;
      const now = performance.now();
      closePhase(now);
      current = { phase, at: now };
    },
  });
  const ended = performance.now();
  closePhase(ended);
  const run: ImportRun = {
    outcome: result.outcome,
    message: result.outcome === "failed" ? result.message : null,
    summary: result.summary,
    rowErrors: result.report.outcome === "read" ? result.report.rowErrorCount : 1,
    seconds: (ended - started) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    cpuSeconds: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1e6,
    phases,
    ...(slowest ? { slowStatements: slowest() } : {}),
  };
  process.stdout.write(`${RESULT_MARK}${JSON.stringify(run)}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
