// The one Prisma client of the process, on the pg driver adapter (no native engine), and its
// pg pool, which the hottest reads share (lib/db-sql.ts).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { watchDatabasePool } from "@/lib/ops/database-failures";

// The web app's statements are short reads and writes. Parallel workers cost more to start than
// such a statement takes (a name prefix in username order: 0.25 ms alone, 9 ms with two workers
// at 2M rows) and take cores from other requests; JIT compiling (where the server has it) costs
// tens of ms once a plan's estimate passes jit_above_cost. The roster import, whose index builds
// do profit from workers, runs on a connection of its own.
const WEB_SESSION_OPTIONS = "-c max_parallel_workers_per_gather=0 -c jit=off";

function createClient(connectionString: string) {
  // Our own pool, watched, so that a request failing on an unreachable database answers 503.
  const pool = watchDatabasePool(
    new pg.Pool({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10), options: WEB_SESSION_OPTIONS }),
  );
  // $disconnect() ends the pool, as it did when the adapter made its own. An interactive
  // transaction waits for a free connection up to maxWait (Prisma's default, 2 s, failed a
  // parent's recovery post in the load test while a bulk reset and 50 agents' searches held
  // the pool): a busy moment should slow a request down, not fail it.
  const client = new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    transactionOptions: { maxWait: 10_000 },
  });
  return { client, pool };
}

type Client = ReturnType<typeof createClient>["client"];
// Kept on globalThis so that dev-server reloads do not open a new pool each time.
const holder = globalThis as unknown as { prismaHolder?: { url: string } & ReturnType<typeof createClient> };

function current(): ReturnType<typeof createClient> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  if (holder.prismaHolder?.url !== url) holder.prismaHolder = { url, ...createClient(url) };
  return holder.prismaHolder;
}

function currentClient(): Client {
  return current().client;
}

/** The Prisma client's own pool (ended with it by $disconnect()). */
export function databasePool(): pg.Pool {
  return current().pool;
}

/**
 * Resolved on first use, not at import: `next build` imports this module without a
 * database, and tests point DATABASE_URL at a fresh database before their first query.
 */
export const prisma: Client = new Proxy({} as Client, {
  get(_target, property) {
    const client = currentClient();
    const value = Reflect.get(client, property);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export type Db = Client;
export type Tx = Parameters<Parameters<Client["$transaction"]>[0]>[0];
