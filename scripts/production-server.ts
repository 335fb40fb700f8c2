// Serves the production build with the portal's own server (scripts/serve.ts, the one
// `npm start` runs) on a free port, on a given database, in demo mode with the built-in SMTP
// receiver for its mail. Used by the browser tests and the benchmark.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { findFreePort } from "./embedded-postgres";

export interface ProductionServer {
  baseUrl: string;
  stop(): Promise<void>;
  /** Everything the server printed so far (for failure reports). */
  output(): string;
}

interface ServerOptions {
  databaseUrl: string;
  /** The folder holding the build (default: this checkout). */
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

const PORT_ATTEMPTS = 3;

export async function startProductionServer(options: ServerOptions): Promise<ProductionServer> {
  // A free port can be taken by another server starting at the same moment (the browser tests
  // start several in parallel): then the server exits with EADDRINUSE and gets other ports.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnFreePorts(options);
    } catch (error) {
      if (attempt >= PORT_ATTEMPTS || !String((error as Error).message).includes("EADDRINUSE")) throw error;
    }
  }
}

async function startOnFreePorts(options: ServerOptions): Promise<ProductionServer> {
  // Ports the system picks, never a fixed first choice: servers starting at once would all pick
  // it, and the loser's readiness check (a request to that port) would be answered by the
  // winner, so a test would talk to another test's server (another database, other settings).
  const port = await findFreePort(0);
  const smtpPort = await findFreePort(0);
  const baseUrl = `http://127.0.0.1:${port}`;
  const lines: string[] = [];
  const server: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: options.databaseUrl,
      PORTAL_URL: baseUrl,
      NEXTAUTH_URL: "", // the server sets it from PORTAL_URL
      NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
      SMTP_URL: "",
      // The browser tests read mail from the built-in receiver, which exists only in demo mode.
      DEMO_MODE: "1",
      DEV_SMTP_PORT: String(smtpPort),
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    cwd: options.cwd,
  });
  server.stdout?.on("data", (chunk) => lines.push(String(chunk)));
  server.stderr?.on("data", (chunk) => lines.push(String(chunk)));
  const output = () => lines.join("");
  const stop = () =>
    new Promise<void>((resolve) => {
      if (server.exitCode !== null) return resolve();
      server.once("exit", () => resolve());
      server.kill("SIGTERM");
      setTimeout(() => server.kill("SIGKILL"), 5_000).unref();
    });

  const timeoutMs = options.timeoutMs ?? 90_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/console/sign-in`, { redirect: "manual" });
      if (response.status < 500) return { baseUrl, stop, output };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer within ${timeoutMs} ms\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
