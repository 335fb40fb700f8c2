// Once for the browser tests: the production build (made by `npm test` beforehand) served
// by the portal's server (scripts/serve.ts, as `npm start`) on its own database, in demo mode
// with the built-in SMTP receiver for its mail.
import { appendFileSync, existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { startProductionServer } from "../../scripts/production-server";
import { createDatabaseFromTemplate } from "../helpers/test-database";

declare module "vitest" {
  export interface ProvidedContext {
    e2eBaseUrl: string;
    e2eDatabaseUrl: string;
    /** The server's METRICS_TOKEN (GET /api/metrics). */
    e2eMetricsToken: string;
    /** A file receiving everything the server prints (its JSON log), as it prints it. */
    e2eServerLogFile: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync(".next/BUILD_ID")) throw new Error("No production build: run `npm run build` (npm test does it).");
  const serverUrl = process.env.PORTAL_TEST_DB_SERVER;
  const template = process.env.PORTAL_TEST_DB_TEMPLATE;
  if (!serverUrl || !template) throw new Error("global-database setup did not run");
  const databaseUrl = await createDatabaseFromTemplate(serverUrl, template, "e2e");
  const metricsToken = randomBytes(32).toString("hex");
  const logFile = path.join(mkdtempSync(path.join(tmpdir(), "portal-e2e-log-")), "server.log");
  const server = await startProductionServer({
    databaseUrl,
    env: { OUTBOX_POLL_MS: "200", ROSTER_POLL_MS: "200", METRICS_TOKEN: metricsToken, LOG_LEVEL: "info" },
    timeoutMs: 60_000,
    onOutput: (chunk) => appendFileSync(logFile, chunk),
  });
  project.provide("e2eBaseUrl", server.baseUrl);
  project.provide("e2eDatabaseUrl", databaseUrl);
  project.provide("e2eMetricsToken", metricsToken);
  project.provide("e2eServerLogFile", logFile);
  return async () => {
    await server.stop();
    if (process.env.E2E_SERVER_LOG) console.log(server.output());
  };
}
