// Once for the browser tests: the production build (made by `npm test` beforehand) served
// by the portal's server (scripts/serve.ts, as `npm start`) on its own database, in demo mode
// with the built-in SMTP receiver for its mail. One server per test worker (E2E_WORKERS in
// vitest.config.ts), each on a database of its own: files run in parallel and never see each
// other's rows, mail or rate limits. A file finds its worker's server with
// tests/helpers/e2e-server.ts.
import { existsSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { startProductionServer, type ProductionServer } from "../../scripts/production-server";
import { createDatabaseFromTemplate } from "../helpers/test-database";

export interface E2eServer {
  baseUrl: string;
  databaseUrl: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    e2eServers: E2eServer[];
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync(".next/BUILD_ID")) throw new Error("No production build: run `npm run build` (npm test does it).");
  const serverUrl = process.env.PORTAL_TEST_DB_SERVER;
  const template = process.env.PORTAL_TEST_DB_TEMPLATE;
  if (!serverUrl || !template) throw new Error("global-database setup did not run");
  const workers = Number(project.config.maxWorkers) || 1;
  const started: { server: ProductionServer; databaseUrl: string }[] = [];
  const stopAll = async () => {
    await Promise.all(started.map(({ server }) => server.stop()));
    if (process.env.E2E_SERVER_LOG) for (const { server } of started) console.log(server.output());
  };
  try {
    await Promise.all(
      Array.from({ length: workers }, async (_, index) => {
        const databaseUrl = await createDatabaseFromTemplate(serverUrl, template, `e2e${index + 1}`);
        const server = await startProductionServer({ databaseUrl, env: { OUTBOX_POLL_MS: "200", ROSTER_POLL_MS: "200" }, timeoutMs: 90_000 });
        started.push({ server, databaseUrl });
      }),
    );
  } catch (error) {
    await stopAll();
    throw error;
  }
  project.provide("e2eServers", started.map(({ server, databaseUrl }) => ({ baseUrl: server.baseUrl, databaseUrl })));
  return stopAll;
}
