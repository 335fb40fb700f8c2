// The grid's search through HTTP on the running app: the portal's server (scripts/serve.ts, production build) on the
// benchmark database, a site admin signed in with two-step sign-in (scripts/bench/bench-staff.ts),
// then GET /api/console/parents with the same searches the domain benchmark uses.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { startProductionServer, type ProductionServer } from "@/scripts/production-server";
import { parentSearchToParams, type ParentSearch } from "@/lib/parents/search-schema";

/** Where the production build lives: this checkout, or BENCH_APP_DIR (e.g. a clean export of a commit). */
export const APP_DIR = process.env.BENCH_APP_DIR ?? process.cwd();

export function startAppServer(databaseUrl: string, env?: Record<string, string>): Promise<ProductionServer> {
  return startProductionServer({ databaseUrl, cwd: APP_DIR, env });
}

/** Builds the app in APP_DIR when it has no production build (under a lock other builders share). */
export function ensureBuild(log: (line: string) => void) {
  if (existsSync(path.join(APP_DIR, ".next/BUILD_ID"))) return;
  log("No production build: running `flock /tmp/next-build.lock npx next build`");
  const result = spawnSync("flock", ["/tmp/next-build.lock", "npx", "next", "build"], { stdio: "inherit", cwd: APP_DIR });
  if (result.status !== 0) throw new Error("next build failed");
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
