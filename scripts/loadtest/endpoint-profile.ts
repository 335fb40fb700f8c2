// `npx tsx scripts/loadtest/endpoint-profile.ts [--rows N] [--seconds S] [--connections N] [--cpu-prof] search|sign-in`
// The load test's capacity phase for one endpoint alone, on one fresh server with nothing else
// running (no working day before it, so no outbox backlog being sent meanwhile): the server's CPU
// time per answer, req/s and latency, and with --cpu-prof a CPU profile of the server that holds
// only this endpoint's work besides start-up and warm-up (.data/loadtest-cpu/; read it with
// cpu-profile-summary.ts). Reuses the load test's district (bench_<rows>, made by
// `npm run loadtest -- --rows N --keep`) and its first agent.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { openBenchDatabase } from "@/scripts/bench/bench-database";
import { retireBenchStaff, signInBenchStaff } from "@/scripts/bench/bench-staff";
import { ensureBuild, startAppServer } from "@/scripts/bench/http-bench";
import { argValue } from "@/scripts/bench/cli-args";
import { closedLoop } from "./capacity";
import { prepareAgents } from "./load-accounts";
import { startSmtpSink } from "./smtp-sink";

const ROWS = Number(argValue("--rows") ?? 20_000);
const SECONDS = Number(argValue("--seconds") ?? 20);
const CONNECTIONS = Number(argValue("--connections") ?? 50);
const CPU_PROFILE = process.argv.includes("--cpu-prof");
// health: the floor (a route handler with no database call).
const ENDPOINTS = { search: "/api/console/parents?q=garc", "sign-in": "/sign-in", health: "/api/health" } as const;
const endpoint = process.argv.slice(2).find((arg): arg is keyof typeof ENDPOINTS => arg in ENDPOINTS);

async function main() {
  if (!endpoint) throw new Error(`name an endpoint: ${Object.keys(ENDPOINTS).join(" or ")}`);
  ensureBuild(console.log);
  const database = await openBenchDatabase({ rows: ROWS, keep: true, log: console.log });
  const smtp = await startSmtpSink();
  const [agent] = await prepareAgents(database.pool, 1, 1);
  const env: Record<string, string> = { DEMO_MODE: "", NEXTAUTH_SECRET: randomBytes(32).toString("hex"), SMTP_URL: smtp.url, ROSTER_WORKER: "off" };
  if (CPU_PROFILE) env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} --cpu-prof --cpu-prof-dir=${path.resolve(".data/loadtest-cpu")}`.trim();
  const server = await startAppServer(database.databaseUrl, env);
  try {
    const cookie = await signInBenchStaff(server.baseUrl, agent!);
    const url = `${server.baseUrl}${ENDPOINTS[endpoint]}`;
    const headers = endpoint === "search" ? { Cookie: cookie } : undefined;
    await closedLoop({ endpoint: "warm-up", urls: [url], headers, connections: 10, seconds: 5, warmupSeconds: 0 });
    const figures = await closedLoop({ endpoint: `GET ${ENDPOINTS[endpoint]}`, urls: [url], headers, connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: 3, pids: [server.pid] });
    const { p50, p95, p99 } = figures.latency;
    console.log(
      `${figures.endpoint}: ${figures.requests} answers, ${figures.perSecond.toFixed(1)}/s, p50 ${p50} ms, p95 ${p95} ms, p99 ${p99} ms, ` +
        `${figures.errors} errors, server CPU ${figures.serverCpuMsPerRequest?.toFixed(1)} ms per answer`,
    );
  } finally {
    await server.stop();
    await smtp.stop();
    await retireBenchStaff(database.pool, [agent!.id]).catch(() => {});
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
