// Serves the production build with the portal's own server (scripts/serve.ts, the one
// `npm start` runs) on a free port, on a given database, in demo mode with the built-in SMTP
// receiver for its mail. Used by the browser tests and the benchmark.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { findFreePort } from "./embedded-postgres";

export interface ProductionServer {
  baseUrl: string;
  /** The server process (its RSS is what the load test watches). */
  pid: number;
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
  /** Also told everything the server prints, as it prints it. */
  onOutput?: (chunk: string) => void;
}

const PORT_ATTEMPTS = 3;
const PORT_TAKEN = "EADDRINUSE";

export async function startProductionServer(options: ServerOptions): Promise<ProductionServer> {
  // Ports the system picks (port 0), not a fixed first choice: the browser tests start several
  // servers at once. A port can still be taken between the probe and the server's listen: the
  // server then logs EADDRINUSE (and may stay up, listening nowhere) and is started again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnFreePorts(options);
    } catch (error) {
      if (attempt >= PORT_ATTEMPTS || !String((error as Error).message).includes(PORT_TAKEN)) throw error;
    }
  }
}

async function startOnFreePorts(options: ServerOptions): Promise<ProductionServer> {
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
  const record = (chunk: unknown) => {
    lines.push(String(chunk));
    options.onOutput?.(String(chunk));
  };
  server.stdout?.on("data", record);
  server.stderr?.on("data", record);
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
    // Whoever answers on a port this server could not take is another server.
    if (output().includes(PORT_TAKEN)) {
      await stop();
      throw new Error(`the server could not listen (${PORT_TAKEN})\n${output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/console/sign-in`, { redirect: "manual" });
      if (response.status < 500 && !output().includes(PORT_TAKEN)) return { baseUrl, pid: server.pid!, stop, output };
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
