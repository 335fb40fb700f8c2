// Once for the browser tests: the production build (made by `npm test` beforehand) served
// by `next start` on its own database, with the built-in SMTP receiver for its mail.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { findFreePort } from "../../scripts/embedded-postgres";
import { createDatabaseFromTemplate } from "../helpers/test-database";

declare module "vitest" {
  export interface ProvidedContext {
    e2eBaseUrl: string;
    e2eDatabaseUrl: string;
  }
}

async function waitForServer(url: string, server: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with code ${server.exitCode}`);
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`next start did not answer at ${url} within ${timeoutMs} ms`);
}

export default async function setup(project: TestProject) {
  if (!existsSync(".next/BUILD_ID")) throw new Error("No production build: run `npm run build` (npm test does it).");
  const serverUrl = process.env.PORTAL_TEST_DB_SERVER;
  const template = process.env.PORTAL_TEST_DB_TEMPLATE;
  if (!serverUrl || !template) throw new Error("global-database setup did not run");
  const databaseUrl = await createDatabaseFromTemplate(serverUrl, template, "e2e");
  const port = await findFreePort(3100);
  const smtpPort = await findFreePort(2600);
  const baseUrl = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: baseUrl,
      NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
      SMTP_URL: "",
      DEV_SMTP_PORT: String(smtpPort),
      OUTBOX_POLL_MS: "200",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk) => output.push(String(chunk)));
  server.stderr?.on("data", (chunk) => output.push(String(chunk)));
  try {
    await waitForServer(`${baseUrl}/sign-in`, server, 60_000);
  } catch (error) {
    server.kill("SIGKILL");
    throw new Error(`${(error as Error).message}\n${output.join("")}`);
  }
  project.provide("e2eBaseUrl", baseUrl);
  project.provide("e2eDatabaseUrl", databaseUrl);
  return async () => {
    server.kill("SIGTERM");
    if (process.env.E2E_SERVER_LOG) console.log(output.join(""));
  };
}
