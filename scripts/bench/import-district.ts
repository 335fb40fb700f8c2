// How the benchmark district gets into its database: as a SIS would send it. The district is
// written as OneRoster 1.2 CSV to a scratch folder, imported into the empty database, parent
// logins are added, the same files are imported again (nothing may change), then a delta of
// 10,000 changed users, and a plain COPY of users.csv is timed for comparison. Search and bulk
// reset are then measured on what the importer wrote.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import { createParentLogins, prepareBenchDistrict } from "./bench-accounts";
import { generateRosterCsv, generateRosterDelta } from "./generate-roster-csv";
import { describeCounts, runImportProcess, timePlainCopy, type ImportRun } from "./import-bench";

export const DELTA_USERS = 10_000;

export type ImportFigures = {
  generatedSeconds: number;
  usersCsvMb: number;
  full: ImportRun;
  again: ImportRun;
  delta: ImportRun;
  deltaUsers: number;
  copySeconds: number;
};

type Options = { databaseUrl: string; pool: pg.Pool; students: number; scratchDir?: string; traceSql?: boolean; log: (line: string) => void };

export async function importDistrict({ databaseUrl, pool, students, scratchDir, traceSql, log }: Options): Promise<ImportFigures> {
  const folder = mkdtempSync(path.join(scratchDir ?? os.tmpdir(), "bench-roster-"));
  try {
    await prepareBenchDistrict(pool);
    log(`Writing ${students.toLocaleString("en-US")} students and their parents as OneRoster 1.2 CSV to ${folder}`);
    const bulkFolder = path.join(folder, "bulk");
    const generated = await generateRosterCsv(bulkFolder, students, log);
    const usersCsv = path.join(bulkFolder, "users.csv");
    const usersCsvMb = statSync(usersCsv).size / 1024 / 1024;
    log(`  ${generated.users.toLocaleString("en-US")} users, ${generated.roles.toLocaleString("en-US")} roles in ${generated.seconds.toFixed(0)} s (users.csv ${usersCsvMb.toFixed(0)} MB)`);

    const run = async (label: string, source: string) => {
      log(`Import: ${label}`);
      const result = await runImportProcess(source, databaseUrl, log, { traceSql });
      if (result.outcome !== "applied") throw new Error(`${label}: import ${result.outcome}${result.message ? `: ${result.message}` : ""}`);
      const phases = result.phases.map(({ phase, seconds }) => `${phase} ${seconds.toFixed(1)} s`).join(", ");
      log(`  ${result.seconds.toFixed(1)} s (importing process CPU ${result.cpuSeconds.toFixed(1)} s), peak RSS ${result.maxRssMb.toFixed(0)} MB, ${result.rowErrors} row errors; ${phases}`);
      log(`  ${describeCounts(result.summary)}`);
      for (const { sql, seconds } of result.slowStatements ?? []) log(`    ${seconds.toFixed(1).padStart(7)} s  ${sql}`);
      return result;
    };
    const full = await run("full bulk import into the empty database", bulkFolder);
    log(`Parent logins: ${(await createParentLogins(pool)).toLocaleString("en-US")} created`);
    await pool.query("VACUUM ANALYZE");
    const again = await run("the same files again", bulkFolder);
    const deltaFolder = path.join(folder, "delta");
    await generateRosterDelta(deltaFolder, students, DELTA_USERS);
    const delta = await run(`a delta of ${DELTA_USERS.toLocaleString("en-US")} changed users`, deltaFolder);
    log("Plain COPY of users.csv into an unlogged table");
    const copySeconds = await timePlainCopy(databaseUrl, usersCsv);
    log(`  ${copySeconds.toFixed(1)} s`);
    // VACUUM sets the visibility map, so capped counts are index-only scans, as in a settled database.
    log("VACUUM ANALYZE");
    await pool.query("VACUUM ANALYZE");
    return { generatedSeconds: generated.seconds, usersCsvMb, full, again, delta, deltaUsers: DELTA_USERS, copySeconds };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
