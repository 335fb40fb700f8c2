// Counts the moments the database could not be reached: a connection that could not be opened
// (server down, restarting, refusing connections) or one that broke (server shut down or
// restarted under it). The portal's server compares the count before and after a request to
// tell "the database was unreachable" from other failures (lib/http/unavailable-response.ts).
// Kept on globalThis: the Next.js bundle and the server around it load this module separately.
import type pg from "pg";

const holder = globalThis as unknown as { databaseFailures?: { count: number } };
const failures = (holder.databaseFailures ??= { count: 0 });

export function databaseFailureCount(): number {
  return failures.count;
}

function countFailure(): void {
  failures.count += 1;
}

/**
 * Watches a pool: every failed connect (pg-pool's query() connects through the same method)
 * and every error event of a pooled connection, which pg emits only when the connection itself
 * fails. Also keeps such an error on a checked-out connection from crashing the process.
 */
export function watchDatabasePool(pool: pg.Pool): pg.Pool {
  const connect = pool.connect.bind(pool) as (callback?: (error: Error | undefined, client?: pg.PoolClient, done?: (release?: unknown) => void) => void) => Promise<pg.PoolClient> | void;
  pool.connect = ((callback?: (error: Error | undefined, client?: pg.PoolClient, done?: (release?: unknown) => void) => void) => {
    if (callback) {
      return connect((error, client, done) => {
        if (error) countFailure();
        callback(error, client, done);
      });
    }
    return (connect() as Promise<pg.PoolClient>).catch((error: unknown) => {
      countFailure();
      throw error;
    });
  }) as typeof pool.connect;
  pool.on("connect", (client) => client.on("error", countFailure));
  return pool;
}
