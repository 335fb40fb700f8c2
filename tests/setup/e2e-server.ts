// Once for the browser tests: the production build (made by `npm test` beforehand) served
// by the portal's server (scripts/serve.ts, as `npm start`) on its own database, in demo mode
// with the built-in SMTP receiver for its mail. One server per test worker (E2E_WORKERS in
// vitest.config.ts), each on a database of its own: files run in parallel and never see each
// other's rows, mail or rate limits. A file finds its worker's server with
// tests/helpers/e2e-server.ts.
import { appendFileSync, existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { startProductionServer, type ProductionServer } from "../../scripts/production-server";
import { createDatabaseFromTemplate } from "../helpers/test-database";

export interface E2eServer {
  baseUrl: string;
  databaseUrl: string;
  /** The server's METRICS_TOKEN (GET /api/metrics). */
  metricsToken: string;
  /** A file receiving everything the server prints (its JSON log), as it prints it. */
  logFile: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    e2eServers: E2eServer[];
  }
}

async function startE2eServer(serverUrl: string, template: string, index: number): Promise<{ server: ProductionServer; info: E2eServer }> {
  const databaseUrl = await createDatabaseFromTemplate(serverUrl, template, `e2e${index + 1}`);
  const metricsToken = randomBytes(32).toString("hex");
  const logFile = path.join(mkdtempSync(path.join(tmpdir(), "portal-e2e-log-")), "server.log");
  const server = await startProductionServer({
    databaseUrl,
    env: { OUTBOX_POLL_MS: "200", ROSTER_POLL_MS: "200", METRICS_TOKEN: metricsToken, LOG_LEVEL: "info" },
    timeoutMs: 90_000,
    onOutput: (chunk) => appendFileSync(logFile, chunk),
  });
  return { server, info: { baseUrl: server.baseUrl, databaseUrl, metricsToken, logFile } };
}

export default async function setup(project: TestProject) {
  if (!existsSync(".next/BUILD_ID")) throw new Error("No production build: run `npm run build` (npm test does it).");
  const serverUrl = process.env.PORTAL_TEST_DB_SERVER;
  const template = process.env.PORTAL_TEST_DB_TEMPLATE;
  if (!serverUrl || !template) throw new Error("global-database setup did not run");
  const workers = Number(project.config.maxWorkers) || 1;
  const started: { server: ProductionServer; info: E2eServer }[] = [];
  const stopAll = async () => {
    await Promise.all(started.map(({ server }) => server.stop()));
    if (process.env.E2E_SERVER_LOG) for (const { server } of started) console.log(server.output());
  };
  try {
    await Promise.all(
      Array.from({ length: workers }, async (_, index) => {
        started.push(await startE2eServer(serverUrl, template, index));
      }),
    );
  } catch (error) {
    await stopAll();
    throw error;
  }
  // In worker order (VITEST_POOL_ID 1, 2, ...): which server a worker gets does not matter, only that it keeps it.
  project.provide("e2eServers", started.map(({ info }) => info));
  return stopAll;
}
