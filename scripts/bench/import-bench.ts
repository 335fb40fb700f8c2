// The roster import measurements of `npm run bench`: each import runs in a child process
// (scripts/bench/run-import.ts) so its peak RSS is its own, and a plain COPY of the same
// users.csv into an unlogged table gives the floor the importer is compared with.
import { spawn } from "node:child_process";
import { createReadStream } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { RosterEntityCounts, RosterImportPhase, RosterImportSummary } from "@/lib/roster/import-roster-types";
import { usersHeader } from "@/scripts/demo/oneroster-csv";
import type { SqlTiming } from "./trace-sql";

export const RESULT_MARK = "BENCH-IMPORT-RESULT ";

export type ImportRun = {
  outcome: string;
  message: string | null;
  summary: RosterImportSummary | null;
  rowErrors: number;
  /** Wall time of the importRoster call (process start-up excluded). */
  seconds: number;
  maxRssMb: number;
  /** CPU time of the importing process (user + system); the database's own work is not in it. */
  cpuSeconds: number;
  phases: { phase: RosterImportPhase; seconds: number }[];
  /** With --trace-sql: the slowest statements the run sent. */
  slowStatements?: SqlTiming[];
};

/** Runs one import of `source` against `databaseUrl` in a child process and returns what it measured. */
export function runImportProcess(source: string, databaseUrl: string, log: (line: string) => void, options: { traceSql?: boolean } = {}): Promise<ImportRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "run-import.ts"), source], {
      env: { ...process.env, DATABASE_URL: databaseUrl, BENCH_TRACE_SQL: options.traceSql ? "1" : "" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => {
      output += text;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const line = output.split("\n").find((candidate) => candidate.startsWith(RESULT_MARK));
      for (const other of output.split("\n")) if (other && !other.startsWith(RESULT_MARK)) log(`    ${other}`);
      if (code !== 0 || !line) reject(new Error(`the import process exited with ${code}`));
      else resolve(JSON.parse(line.slice(RESULT_MARK.length)) as ImportRun);
    });
  });
}

const ENTITIES = ["schools", "students", "contacts", "links"] as const;

/** Rows the run wrote: added, changed, removed or restored, over the four entities. */
export function rowsWritten(summary: RosterImportSummary | null): number {
  if (!summary) return Number.NaN;
  const sum = (counts: RosterEntityCounts) => counts.added + counts.changed + counts.removed + counts.restored;
  return ENTITIES.reduce((total, entity) => total + sum(summary[entity]), 0);
}

/** "students 1,000,000 added, ..." for the log: the non-zero counts per entity. */
export function describeCounts(summary: RosterImportSummary | null): string {
  if (!summary) return "no summary";
  const fmt = (n: number) => n.toLocaleString("en-US");
  return ENTITIES.map((entity) => {
    const counts = summary[entity];
    const parts = (["added", "changed", "removed", "restored"] as const).filter((key) => counts[key] > 0).map((key) => `${fmt(counts[key])} ${key}`);
    return `${entity} ${parts.length > 0 ? parts.join(", ") : "unchanged"}`;
  }).join("; ");
}

/**
 * Seconds for `COPY ... FROM STDIN (FORMAT csv, HEADER)` of the file into a fresh unlogged
 * table of text columns: parsing and loading only, no checks, no merge. The table is dropped.
 */
export async function timePlainCopy(databaseUrl: string, usersCsv: string): Promise<number> {
  const columns = usersHeader().trim().split(",");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("DROP TABLE IF EXISTS bench_copy_users");
    await client.query(`CREATE UNLOGGED TABLE bench_copy_users (${columns.map((column) => `"${column}" text`).join(", ")})`);
    const started = performance.now();
    await pipeline(createReadStream(usersCsv), client.query(copyFrom("COPY bench_copy_users FROM STDIN WITH (FORMAT csv, HEADER true)")));
    const seconds = (performance.now() - started) / 1000;
    await client.query("DROP TABLE bench_copy_users");
    return seconds;
  } finally {
    await client.end();
  }
}
