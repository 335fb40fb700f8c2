// Once per test run: a PostgreSQL server (embedded unless TEST_DATABASE_SERVER_URL is
// given) with a migrated template database that every test file clones in milliseconds.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type RunningPostgres } from "../../scripts/embedded-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    databaseServerUrl: string;
    templateDatabase: string;
  }
}

export const TEMPLATE_DATABASE = `portal_template_${process.pid}`;

export default async function setup(project: TestProject) {
  let embedded: RunningPostgres | undefined;
  let dataDir: string | undefined;
  let serverUrl = process.env.TEST_DATABASE_SERVER_URL;
  if (!serverUrl) {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "portal-test-pg-"));
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "data"), port: 0, persistent: false });
    serverUrl = embedded.serverUrl;
  }
  try {
    const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DATABASE}"`);
    await admin.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
    await admin.end();
    execFileSync("npx", ["prisma", "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: `${serverUrl}/${TEMPLATE_DATABASE}` },
      stdio: "pipe",
    });
  } catch (error) {
    // Stop the server, or the test run would hang on it after reporting the failure.
    await embedded?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`Could not prepare the test database: ${stderr || (error as Error).message}`);
  }
  project.provide("databaseServerUrl", serverUrl);
  project.provide("templateDatabase", TEMPLATE_DATABASE);
  // The e2e project's own global setup runs in this same process and reads these.
  process.env.PORTAL_TEST_DB_SERVER = serverUrl;
  process.env.PORTAL_TEST_DB_TEMPLATE = TEMPLATE_DATABASE;

  return async () => {
    await embedded?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
