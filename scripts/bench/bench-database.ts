// The benchmark district's database, shared by `npm run bench` and `npm run loadtest`: on the
// PostgreSQL server BENCH_DATABASE_SERVER_URL names, or an embedded one (throw-away in a temp
// dir, or kept under .data/bench-pg with --keep). With --keep a district already imported at
// that size is reused; otherwise the database is created, migrated and the district imported.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type RunningPostgres } from "@/scripts/embedded-postgres";
import { importDistrict, type ImportFigures } from "./import-district";

export interface BenchDatabaseOptions {
  rows: number;
  keep: boolean;
  traceSql?: boolean;
  log: (line: string) => void;
}

export interface BenchDatabase {
  databaseUrl: string;
  pool: pg.Pool;
  /** The import's figures when the district was imported by this run; undefined when reused. */
  imports?: ImportFigures;
  /** Closes the pool, drops a throw-away database and stops an embedded server. */
  close(): Promise<void>;
}

async function openServer(keep: boolean, log: (line: string) => void): Promise<{ serverUrl: string; embedded?: RunningPostgres; tempDir?: string }> {
  const external = process.env.BENCH_DATABASE_SERVER_URL;
  if (external) return { serverUrl: external.replace(/\/+$/, "") };
  const tempDir = keep ? undefined : mkdtempSync(path.join(os.tmpdir(), "portal-bench-"));
  const dataDir = tempDir ? path.join(tempDir, "pg") : path.resolve(".data/bench-pg");
  log(`Starting embedded PostgreSQL (${keep ? "kept in .data/bench-pg" : "throw-away"})`);
  // Sized like a district's database server rather than PostgreSQL's 128 MB default: the
  // import's index builds and the 2M-row tables should fit in memory, as they would there.
  const settings = ["-c", "shared_buffers=1GB", "-c", "max_wal_size=4GB"];
  const embedded = await startEmbeddedPostgres({ dataDir, port: 5440, persistent: keep, settings });
  return { serverUrl: embedded.serverUrl, embedded, tempDir };
}

/** Creates (or with keep reuses) the benchmark database; true when a district must be generated. */
async function prepareDatabase(serverUrl: string, name: string, rows: number, keep: boolean): Promise<boolean> {
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  try {
    const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
    if (exists && keep) {
      const probe = new pg.Client({ connectionString: `${serverUrl}/${name}` });
      await probe.connect();
      const done = await probe.query(`SELECT count(*)::int AS n FROM "StudentContact"`).catch(() => ({ rows: [{ n: 0 }] }));
      await probe.end();
      if (done.rows[0].n >= rows - 1) return false;
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

async function dropDatabase(serverUrl: string, name: string) {
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => admin.end());
}

/**
 * Opens `bench_<rows>` (importing the district when needed) and points this process's
 * DATABASE_URL at it, so the domain functions the benchmarks call use it too.
 */
export async function openBenchDatabase({ rows, keep, traceSql, log }: BenchDatabaseOptions): Promise<BenchDatabase> {
  const { serverUrl, embedded, tempDir } = await openServer(keep, log);
  const databaseName = `bench_${rows}`;
  const databaseUrl = `${serverUrl}/${databaseName}`;
  process.env.DATABASE_URL = databaseUrl;
  // Mail the bench queues (reset notices, the delta's e-mail change notices) links to the portal; it is never delivered.
  if (!process.env.PORTAL_URL && !process.env.NEXTAUTH_URL) process.env.PORTAL_URL = "http://localhost:3000";
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const close = async () => {
    await pool.end();
    const { prisma } = await import("@/lib/db");
    await prisma.$disconnect().catch(() => {});
    if (!keep && !embedded) await dropDatabase(serverUrl, databaseName);
    await embedded?.stop();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  };
  try {
    let imports: ImportFigures | undefined;
    if (await prepareDatabase(serverUrl, databaseName, rows, keep)) {
      log(`Applying migrations to ${databaseName}`);
      migrate(databaseUrl);
      imports = await importDistrict({ databaseUrl, pool, students: Math.ceil(rows / 2), scratchDir: tempDir, traceSql, log });
    } else {
      // The last run's bulk resets cleared visibility-map bits; autovacuum would restore them.
      log(`Reusing the district in ${databaseName} (--keep); applying new migrations, then VACUUM ANALYZE`);
      migrate(databaseUrl);
      await pool.query("VACUUM ANALYZE");
    }
    return { databaseUrl, pool, imports, close };
  } catch (error) {
    await close();
    throw error;
  }
}
