// The grid's search through HTTP on the running app: `next start` (production build) on the
// benchmark database, a site admin signed in through next-auth's credentials callback,
// then GET /api/console/parents with the same searches the domain benchmark uses.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { findFreePort } from "@/scripts/embedded-postgres";
import { parentSearchToParams, type ParentSearch } from "@/lib/parents/search-schema";

export interface AppServer {
  baseUrl: string;
  stop(): Promise<void>;
  output(): string;
}

/** Where the production build lives: this checkout, or BENCH_APP_DIR (e.g. a clean export of a commit). */
export const APP_DIR = process.env.BENCH_APP_DIR ?? process.cwd();

export async function startAppServer(databaseUrl: string): Promise<AppServer> {
  const port = await findFreePort(3300);
  const smtpPort = await findFreePort(2700);
  const baseUrl = `http://127.0.0.1:${port}`;
  const lines: string[] = [];
  const server: ChildProcess = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: baseUrl,
      NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
      SMTP_URL: "",
      DEV_SMTP_PORT: String(smtpPort),
    },
    stdio: ["ignore", "pipe", "pipe"],
    cwd: APP_DIR,
  });
  server.stdout?.on("data", (chunk) => lines.push(String(chunk)));
  server.stderr?.on("data", (chunk) => lines.push(String(chunk)));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (server.exitCode !== null) return resolve();
      server.once("exit", () => resolve());
      server.kill("SIGTERM");
      setTimeout(() => server.kill("SIGKILL"), 5_000).unref();
    });
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`next start exited with code ${server.exitCode}\n${lines.join("")}`);
    try {
      const response = await fetch(`${baseUrl}/console/sign-in`, { redirect: "manual" });
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer within 90 s\n${lines.join("")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return { baseUrl, stop, output: () => lines.join("") };
}

/** Minimal cookie jar: name=value pairs from Set-Cookie headers. */
class CookieJar {
  private cookies = new Map<string, string>();
  take(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (pair && eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  has(name: string) {
    return [...this.cookies.keys()].some((key) => key.endsWith(name));
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/** Signs in as staff the way the browser's signIn("staff") does; returns the Cookie header. */
export async function signInStaff(baseUrl: string, email: string, password: string): Promise<string> {
  const jar = new CookieJar();
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  jar.take(csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/staff`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${baseUrl}/console` }),
  });
  jar.take(response);
  await response.text();
  if (!jar.has("next-auth.session-token")) throw new Error(`staff sign-in failed (HTTP ${response.status}): no session cookie`);
  return jar.header();
}

export function parentsUrl(baseUrl: string, search: ParentSearch): string {
  return `${baseUrl}/api/console/parents?${parentSearchToParams(search).toString()}`;
}

/** One GET of the console's search route; throws on anything but 200 so a broken route is not "fast". */
export function httpRunner(baseUrl: string, cookie: string, inputs: ParentSearch[]) {
  return async (i: number) => {
    const response = await fetch(parentsUrl(baseUrl, inputs[i % inputs.length]!), { headers: { Cookie: cookie } });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`GET /api/console/parents answered ${response.status}: ${body.slice(0, 200)}`);
  };
}
