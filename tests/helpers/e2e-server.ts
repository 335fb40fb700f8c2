// The production server of this test worker (tests/setup/e2e-server.ts starts one per worker).
import { inject } from "vitest";
import type { E2eServer } from "../setup/e2e-server";

export function e2eServer(): E2eServer {
  const servers = inject("e2eServers");
  // VITEST_POOL_ID numbers the workers from 1 and stays with a worker for every file it runs.
  const worker = Number(process.env.VITEST_POOL_ID ?? "1");
  return servers[(worker - 1) % servers.length]!;
}

export const e2eBaseUrl = () => e2eServer().baseUrl;
export const e2eDatabaseUrl = () => e2eServer().databaseUrl;
