// Tools of the fault tests: a tsx child process to kill, polling instead of fixed sleeps, and a
// way to stop a writer at a chosen point of its transaction: a table held in SHARE mode by an
// open transaction of the test makes the writer's next INSERT into it wait, with everything it
// wrote before still uncommitted.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";

export interface TsxChild {
  child: ChildProcess;
  /** Everything the child printed so far. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** Runs a TypeScript file of this checkout in a child process (tsx resolves the "@/" paths). */
export function spawnTsx(file: string, args: string[], env: Record<string, string>): TsxChild {
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve(file), ...args], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const chunks: string[] = [];
  child.stdout!.on("data", (chunk) => chunks.push(String(chunk)));
  child.stderr!.on("data", (chunk) => chunks.push(String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { child, output: () => chunks.join(""), exited };
}

/** Polls `check` until it returns something other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 60_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** A connection string whose sessions show up in pg_stat_activity under `name`. */
export function withApplicationName(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set("application_name", name);
  return url.toString();
}

export interface TableHold {
  /** Ends the holding transaction: the writer waiting on the table goes on (if still alive). */
  release(): Promise<void>;
}

/** Holds `table` in SHARE mode in an open transaction: reads go on, every INSERT/UPDATE waits. */
export async function holdTable(databaseUrl: string, table: string): Promise<TableHold> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query("BEGIN");
  await client.query(`LOCK TABLE "${table}" IN SHARE MODE`);
  return {
    async release() {
      await client.query("ROLLBACK");
      await client.end();
    },
  };
}

/** Whether a session named `applicationName` is waiting for a lock on `table`. */
export async function isWaitingOnTable(admin: pg.Client | pg.Pool, applicationName: string, table: string): Promise<boolean> {
  const { rows } = await admin.query(
    `SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE a.application_name = $1 AND NOT l.granted AND l.relation = $2::regclass`,
    [applicationName, `"${table}"`],
  );
  return rows.length > 0;
}

/** Whether any session named `applicationName` is still connected (a killed client's backend ends a moment later). */
export async function hasSessions(admin: pg.Client | pg.Pool, applicationName: string): Promise<boolean> {
  const { rows } = await admin.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = $1`, [applicationName]);
  return rows.length > 0;
}
