// `npm run bench [-- --rows N] [--keep] [--iterations N] [--no-http] [--trace-sql]`: generates a synthetic
// district of N parent-child rows (default 2,000,000: 1,000,000 students, 1,333,334 contacts)
// as OneRoster 1.2 CSV files and imports them with importRoster into its own database (full
// import, the same files again, a delta of 10,000 changed users, against a plain COPY of
// users.csv), then prints p50/p95/p99 of the grid's search (domain query, raw SQL, HTTP) on the
// imported data against a naive ILIKE baseline, and bulk reset throughput, with the issues'
// targets marked PASS or MISS.
// Without BENCH_DATABASE_SERVER_URL it runs an embedded PostgreSQL in a temp dir
// (--keep: under .data/bench-pg, kept, and the imported district is reused next time without
// the import measurements).
// --trace-sql lists each import's slowest statements (timed in the importing process).
// HTTP runs the portal's server (scripts/serve.ts) on the build in this checkout (built under flock when missing)
// or in BENCH_APP_DIR.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type RunningPostgres } from "@/scripts/embedded-postgres";
import { BENCH_ADMIN_PASSPHRASE } from "./bench-accounts";
import { importDistrict, type ImportFigures } from "./import-district";
import { buildScenarios, baselineRunner, domainRunner, type Scenario } from "./search-scenarios";
import { APP_DIR, httpRunner, signInStaff, startAppServer } from "./http-bench";
import { pickBatches, timeBulkReset, type BulkResetResult } from "./bulk-reset-bench";
import { measure } from "./stats";
import { printReport, type ScenarioResult } from "./report";

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const ROWS = Number(argValue("--rows") ?? 2_000_000);
const KEEP = process.argv.includes("--keep");
const ITERATIONS = Number(argValue("--iterations") ?? 200);
const WITH_HTTP = !process.argv.includes("--no-http");
const TRACE_SQL = process.argv.includes("--trace-sql");
const BASELINE_ITERATIONS = Math.max(5, Math.min(30, Math.round(ITERATIONS / 10)));
const log = (line: string) => console.log(line);

async function openServer(): Promise<{ serverUrl: string; embedded?: RunningPostgres; tempDir?: string }> {
  const external = process.env.BENCH_DATABASE_SERVER_URL;
  if (external) return { serverUrl: external.replace(/\/+$/, "") };
  const tempDir = KEEP ? undefined : mkdtempSync(path.join(os.tmpdir(), "portal-bench-"));
  const dataDir = tempDir ? path.join(tempDir, "pg") : path.resolve(".data/bench-pg");
  log(`Starting embedded PostgreSQL (${KEEP ? "kept in .data/bench-pg" : "throw-away"})`);
  // Sized like a district's database server rather than PostgreSQL's 128 MB default: the
  // import's index builds and the 2M-row tables should fit in memory, as they would there.
  const settings = ["-c", "shared_buffers=1GB", "-c", "max_wal_size=4GB"];
  const embedded = await startEmbeddedPostgres({ dataDir, port: 5440, persistent: KEEP, settings });
  return { serverUrl: embedded.serverUrl, embedded, tempDir };
}

/** Creates (or with --keep reuses) the benchmark database; true when a district must be generated. */
async function prepareDatabase(serverUrl: string, name: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  try {
    const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
    if (exists && KEEP) {
      const probe = new pg.Client({ connectionString: `${serverUrl}/${name}` });
      await probe.connect();
      const done = await probe.query(`SELECT count(*)::int AS n FROM "StudentContact"`).catch(() => ({ rows: [{ n: 0 }] }));
      await probe.end();
      if (done.rows[0].n >= ROWS - 1) return false;
    }
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    return true;
  } finally {
    await admin.end();
  }
}

function migrate(databaseUrl: string) {
  const result = spawnSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`prisma migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
}

function ensureBuild() {
  if (existsSync(path.join(APP_DIR, ".next/BUILD_ID"))) return;
  log("No production build: running `flock /tmp/next-build.lock npx next build`");
  const result = spawnSync("flock", ["/tmp/next-build.lock", "npx", "next", "build"], { stdio: "inherit", cwd: APP_DIR });
  if (result.status !== 0) throw new Error("next build failed");
}

async function measureSearch(pool: pg.Pool, scenarios: Scenario[]): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    log(`Measuring ${scenario.name} (${scenario.inputs.length} inputs)`);
    const domain = await measure(domainRunner(scenario), { iterations: ITERATIONS, warmup: 20 });
    // The naive sorts of "All" sort every row (seconds each): a few calls tell enough.
    const iterations = scenario.baseline.values.includes("%") ? Math.min(5, BASELINE_ITERATIONS) : BASELINE_ITERATIONS;
    const baseline = await measure(baselineRunner(pool, scenario), { iterations, warmup: 1 });
    results.push({ scenario, domain, baseline });
  }
  return results;
}

async function measureHttp(databaseUrl: string, adminEmail: string, results: ScenarioResult[]): Promise<string | null> {
  try {
    ensureBuild();
    log("Starting the portal server for the HTTP measurements");
    const server = await startAppServer(databaseUrl);
    try {
      const cookie = await signInStaff(server.baseUrl, adminEmail, BENCH_ADMIN_PASSPHRASE);
      for (const result of results) {
        log(`Measuring HTTP ${result.scenario.name}`);
        result.http = await measure(httpRunner(server.baseUrl, cookie, result.scenario.inputs), { iterations: ITERATIONS, warmup: 20 });
      }
      return null;
    } finally {
      await server.stop();
    }
  } catch (error) {
    log(`HTTP measurements stopped: ${(error as Error).message.slice(0, 2000)}`);
    return (error as Error).message.split("\n")[0] ?? "failed";
  }
}

async function main() {
  if (!Number.isInteger(ROWS) || ROWS < 100) throw new Error("--rows must be an integer >= 100");
  const startedAt = Date.now();
  const { serverUrl, embedded, tempDir } = await openServer();
  const databaseName = `bench_${ROWS}`;
  const databaseUrl = `${serverUrl}/${databaseName}`;
  process.env.DATABASE_URL = databaseUrl;
  // Mail the bench queues (reset notices, the delta's e-mail change notices) links to the portal; it is never delivered.
  if (!process.env.PORTAL_URL && !process.env.NEXTAUTH_URL) process.env.PORTAL_URL = "http://localhost:3000";
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  try {
    let imports: ImportFigures | undefined;
    if (await prepareDatabase(serverUrl, databaseName)) {
      log(`Applying migrations to ${databaseName}`);
      migrate(databaseUrl);
      imports = await importDistrict({ databaseUrl, pool, students: Math.ceil(ROWS / 2), scratchDir: tempDir, traceSql: TRACE_SQL, log });
    } else {
      // The last run's bulk resets cleared visibility-map bits; autovacuum would restore them.
      log(`Reusing the district in ${databaseName} (--keep); applying new migrations, then VACUUM ANALYZE`);
      migrate(databaseUrl);
      await pool.query("VACUUM ANALYZE");
    }
    const counts = (await pool.query(`SELECT (SELECT count(*) FROM "StudentContact")::int AS rows, (SELECT count(*) FROM "Student")::int AS students,
        (SELECT count(*) FROM "Contact")::int AS contacts, (SELECT count(*) FROM "ParentAccount")::int AS accounts`)).rows[0];
    const admin = (await pool.query(`SELECT id, email FROM "StaffUser" WHERE email LIKE 'bench-admin@%' LIMIT 1`)).rows[0] as { id: number; email: string };

    log("Building the search scenarios (deep pages are reached by following cursors)");
    const scenarios = await buildScenarios(pool);
    const results = await measureSearch(pool, scenarios);
    const httpError = WITH_HTTP ? await measureHttp(databaseUrl, admin.email, results) : "skipped (--no-http)";

    const bulk: BulkResetResult[] = [];
    const sizes = [1_000, 10_000].filter((size) => size <= counts.rows / 2);
    const batches = await pickBatches(pool, sizes);
    for (const batch of batches) {
      log(`Bulk reset of ${batch.length.toLocaleString("en-US")} rows`);
      bulk.push(await timeBulkReset(batch, { staffUserId: admin.id, label: admin.email }));
    }

    const report = printReport({ rows: ROWS, counts, imports, results, httpError, bulk, iterations: ITERATIONS, baselineIterations: BASELINE_ITERATIONS });
    mkdirSync(".data", { recursive: true });
    writeFileSync(path.join(".data", `bench-${ROWS}.txt`), `${report}\n`);
    log(`\n(Report also written to .data/bench-${ROWS}.txt; total ${((Date.now() - startedAt) / 1000).toFixed(0)} s)`);
  } finally {
    await pool.end();
    const { prisma } = await import("@/lib/db");
    await prisma.$disconnect().catch(() => {});
    if (!KEEP && !embedded) await dropDatabase(serverUrl, databaseName);
    await embedded?.stop();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

async function dropDatabase(serverUrl: string, name: string) {
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => admin.end());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
