// `npm run loadtest [-- --rows N] [--keep] [--instances 1,2] [--duration S] [--capacity-seconds S]
//   [--agents N] [--parents N] [--connections N] [--cpu-prof]`
// Issue 11, item 5: the portal under load on the benchmark's district (`bench_<rows>`, default
// 2,000,000 rows; created and imported as `npm run bench` does, or with --keep reused), against
// production servers on this machine only (scripts/serve.ts on this checkout's build, outside
// demo mode, mail to a local SMTP sink), first one instance, then two on the same database:
//   1. a working day (--duration, 60 s): 50 help-desk agents each searching every 2 s with
//      the benchmark's search inputs, 20 parents in Forgot Username / Forgot Password (pages and
//      posts), and one site admin's bulk reset of up to 10,000 rows a quarter of the way in;
//   2. capacity: closed-loop autocannon with 50 connections on GET /api/console/parents?q=garc
//      (a help-desk session) and on GET /sign-in.
// Prints requests, req/s, p50/p95/p99 per endpoint, errors, each server's RSS before and after,
// against the targets; the report is also written to .data/loadtest-<rows>.txt.
// --cpu-prof writes each server's CPU profile to .data/loadtest-cpu/ (read it with
// scripts/loadtest/cpu-profile-summary.ts, or in Chrome DevTools).
import { mkdirSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { builtServerActions } from "@/tests/helpers/server-action-http";
import type { ProductionServer } from "@/scripts/production-server";
import { openBenchDatabase } from "@/scripts/bench/bench-database";
import { retireBenchStaff, signInBenchStaff, type BenchStaffMember } from "@/scripts/bench/bench-staff";
import { APP_DIR, ensureBuild, parentsUrl, startAppServer } from "@/scripts/bench/http-bench";
import { buildScenarios } from "@/scripts/bench/search-scenarios";
import { argValue } from "@/scripts/bench/cli-args";
import { closedLoop } from "./capacity";
import { bulkResetSearches, parentIdentities, prepareAgents, prepareSiteAdmin } from "./load-accounts";
import { processCpuSeconds, processRssMb } from "./process-stats";
import { formatReport, type ModeResult } from "./report";
import { startSmtpSink, type SmtpSink } from "./smtp-sink";
import { runWorkingDay, type WorkingDayOptions } from "./working-day";

const ROWS = Number(argValue("--rows") ?? 2_000_000);
const KEEP = process.argv.includes("--keep");
const INSTANCE_COUNTS = (argValue("--instances") ?? "1,2").split(",").map(Number);
const DURATION_SECONDS = Number(argValue("--duration") ?? 60);
const CAPACITY_SECONDS = Number(argValue("--capacity-seconds") ?? 20);
const AGENTS = Number(argValue("--agents") ?? 50);
const PARENTS = Number(argValue("--parents") ?? 20);
const CONNECTIONS = Number(argValue("--connections") ?? 50);
const CPU_PROFILE = process.argv.includes("--cpu-prof");
const SEARCH_EVERY_SECONDS = 2;
const WARMUP_DAY_SECONDS = 20;
const WARMUP_CAPACITY_SECONDS = CAPACITY_SECONDS;
const PARENT_IDENTITIES = 20_000;
const BULK_RESET_ROWS = 10_000;
const CAPACITY_SEARCH = "/api/console/parents?q=garc";
const log = (line: string) => console.log(line);

/** Signs everyone in, a few at a time (each sign-in is an argon2 check on the server). */
async function signInAll(members: BenchStaffMember[], baseUrls: string[]): Promise<string[]> {
  const cookies: string[] = new Array(members.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < members.length; i = next++) cookies[i] = await signInBenchStaff(baseUrls[i % baseUrls.length]!, members[i]!);
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return cookies;
}

async function startServers(count: number, databaseUrl: string, smtp: SmtpSink): Promise<ProductionServer[]> {
  // Like app servers behind one load balancer: one secret, one SMTP server, the balancer
  // (this script, on 127.0.0.1) trusted for X-Forwarded-For.
  const env: Record<string, string> = {
    DEMO_MODE: "",
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    SMTP_URL: smtp.url,
    TRUSTED_PROXIES: "127.0.0.1",
    ROSTER_WORKER: "off",
  };
  if (CPU_PROFILE) env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} --cpu-prof --cpu-prof-dir=${path.resolve(".data/loadtest-cpu")}`.trim();
  return Promise.all(Array.from({ length: count }, () => startAppServer(databaseUrl, env)));
}

/** The first error-level lines of the servers' JSON logs. */
function errorLogLines(servers: ProductionServer[], limit = 5): string[] {
  const lines = servers.flatMap((server) => server.output().split("\n").filter((line) => /"level":"(error|fatal)"/.test(line)));
  return lines.slice(0, limit).map((line) => line.slice(0, 400));
}

/** Lets the servers finish what the last phase left in flight before the next is timed. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 3_000));

interface Prepared {
  databaseUrl: string;
  searchPaths: string[];
  agents: BenchStaffMember[];
  admin: BenchStaffMember;
  identities: WorkingDayOptions["identities"];
  bulkSearches: { q: string; letter: string; rows: number }[];
  /** The next parent flow's number (working-day.ts: identity and client address). */
  nextFlow: number;
}

async function runMode(instances: number, run: number, prepared: Prepared): Promise<ModeResult> {
  log(`\n== ${instances} instance(s) ==`);
  const smtp = await startSmtpSink();
  const servers = await startServers(instances, prepared.databaseUrl, smtp);
  try {
    const baseUrls = servers.map((server) => server.baseUrl);
    const pids = servers.map((server) => server.pid);
    log(`Servers at ${baseUrls.join(", ")}; signing in ${prepared.agents.length} agents and the site admin (two-step, recovery codes)`);
    const agentCookies = await signInAll(prepared.agents, baseUrls);
    const [adminCookie] = await signInAll([prepared.admin], baseUrls);
    const rssAtStart = servers.map((server) => processRssMb(server.pid));
    // A server that has run a while: every search path once on every instance (compiled routes,
    // warm pools and caches), then the day's mix and the capacity runs' concurrency for a short
    // while, so the heap and the allocator's pools have grown to their working size before the
    // RSS is taken. Growth from there is what a leak would show (the report also gives the RSS
    // at start: the first minute under load grows it by a third or more, then it stays).
    log(`Warming up (each search once per instance, a ${WARMUP_DAY_SECONDS} s day without bulk reset, ${WARMUP_CAPACITY_SECONDS} s of closed-loop search and /sign-in)`);
    for (const baseUrl of baseUrls) {
      for (const [i, searchPath] of prepared.searchPaths.entries()) await fetch(`${baseUrl}${searchPath}`, { headers: { Cookie: agentCookies[i % agentCookies.length]! } }).then((r) => r.arrayBuffer());
    }
    const actions = builtServerActions(path.join(APP_DIR, ".next"));
    const action = (name: string) => {
      const found = actions.find((candidate) => candidate.name === name);
      if (!found) throw new Error(`the build has no server action ${name}`);
      return found;
    };
    const dayOptions = {
      baseUrls,
      agentCookies,
      searchPaths: prepared.searchPaths,
      searchEverySeconds: SEARCH_EVERY_SECONDS,
      parents: PARENTS,
      identities: prepared.identities,
      actions: { forgotUsername: action("forgotUsernameAction"), requestCode: action("requestCodeAction"), reset: action("resetParentsAction") },
      adminCookie: adminCookie!,
    };
    const warmUp = await runWorkingDay({ ...dayOptions, durationSeconds: WARMUP_DAY_SECONDS, firstFlow: prepared.nextFlow });
    prepared.nextFlow += warmUp.flows;
    const warmUpErrors = warmUp.endpoints.reduce((sum, endpoint) => sum + endpoint.errors, 0);
    if (warmUpErrors > 0) log(`Warm-up: ${warmUpErrors} errors (not counted in the day's figures): ${warmUp.endpoints.flatMap((e) => e.examples).slice(0, 3).join(" | ")}`);
    await closedLoop({ endpoint: "warm-up", urls: baseUrls.map((u) => `${u}${CAPACITY_SEARCH}`), headers: { Cookie: agentCookies[0]! }, connections: CONNECTIONS, seconds: WARMUP_CAPACITY_SECONDS, warmupSeconds: 0 });
    await closedLoop({ endpoint: "warm-up", urls: baseUrls.map((u) => `${u}/sign-in`), connections: CONNECTIONS, seconds: WARMUP_CAPACITY_SECONDS, warmupSeconds: 0 });
    await settle();
    const rssBefore = servers.map((server) => processRssMb(server.pid));

    const bulkSearch = prepared.bulkSearches[run]!;
    log(`Working day: ${DURATION_SECONDS} s, ${AGENTS} agents searching every ${SEARCH_EVERY_SECONDS} s, ${PARENTS} parents in recovery flows, bulk reset of "${bulkSearch.q}" (${bulkSearch.rows} rows)`);
    const mailsAtStart = smtp.delivered();
    const dayCpuBefore = pids.map(processCpuSeconds);
    const day = await runWorkingDay({ ...dayOptions, bulkSearch: { q: bulkSearch.q, letter: bulkSearch.letter }, durationSeconds: DURATION_SECONDS, firstFlow: prepared.nextFlow });
    prepared.nextFlow += day.flows;

    const dayCpuSeconds = pids.reduce((sum, pid, i) => sum + processCpuSeconds(pid) - dayCpuBefore[i]!, 0);
    await settle();
    log(`Capacity: ${CONNECTIONS} connections, ${CAPACITY_SECONDS} s each (after 3 s of warm-up), on ${CAPACITY_SEARCH} and /sign-in`);
    const capacity = [
      await closedLoop({
        endpoint: `GET ${CAPACITY_SEARCH} (help desk)`,
        urls: baseUrls.map((u) => `${u}${CAPACITY_SEARCH}`),
        headers: { Cookie: agentCookies[0]! },
        connections: CONNECTIONS,
        seconds: CAPACITY_SECONDS,
        warmupSeconds: 3,
        pids,
      }),
      await settle().then(() =>
        closedLoop({ endpoint: "GET /sign-in", urls: baseUrls.map((u) => `${u}/sign-in`), connections: CONNECTIONS, seconds: CAPACITY_SECONDS, warmupSeconds: 3, pids }),
      ),
    ];
    const rssAfter = servers.map((server) => processRssMb(server.pid));
    return {
      instances,
      day: day.endpoints,
      bulkReset: { ...day.bulkReset!, requestedRows: bulkSearch.rows },
      mailsDelivered: smtp.delivered() - mailsAtStart,
      dayCpuSeconds,
      dayWallSeconds: DURATION_SECONDS,
      capacity,
      rss: rssBefore.map((before, i) => ({ atStart: rssAtStart[i]!, before, after: rssAfter[i]! })),
      serverErrors: errorLogLines(servers),
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await smtp.stop();
  }
}

async function main() {
  if (!Number.isInteger(ROWS) || ROWS < 100) throw new Error("--rows must be an integer >= 100");
  if (INSTANCE_COUNTS.some((count) => !Number.isInteger(count) || count < 1 || count > 4)) throw new Error("--instances takes counts from 1 to 4, e.g. 1,2");
  ensureBuild(log);
  const database = await openBenchDatabase({ rows: ROWS, keep: KEEP, log });
  const { pool, databaseUrl } = database;
  let agents: BenchStaffMember[] = [];
  try {
    log("Building the search inputs (the benchmark's scenarios: every search kind and sort, first and deep pages)");
    const scenarios = await buildScenarios(pool);
    const searchPaths = [...new Set(scenarios.flatMap((scenario) => scenario.inputs.map((input) => parentsUrl("", input))))];
    const cap = Math.min(BULK_RESET_ROWS, (await pool.query<{ cap: number }>(`SELECT "bulkResetCap" AS cap FROM "DistrictSettings" WHERE id = 1`)).rows[0]?.cap ?? BULK_RESET_ROWS);
    const bulkSearches = await bulkResetSearches(pool, cap, INSTANCE_COUNTS.length);
    log(`Preparing ${AGENTS} help-desk agents, the site admin and ${searchPaths.length} search inputs`);
    agents = await prepareAgents(pool, AGENTS, INSTANCE_COUNTS.length);
    const admin = await prepareSiteAdmin(pool, INSTANCE_COUNTS.length);
    const identities = await parentIdentities(pool, PARENT_IDENTITIES);
    // A mode uses a few hundred parent flows; starting where the clock's minute points keeps a run
    // soon after another off the identities whose recovery limits the last one used up.
    const nextFlow = (Math.floor(Date.now() / 60_000) * 1_000) % PARENT_IDENTITIES;
    const prepared: Prepared = { databaseUrl, searchPaths, agents, admin, identities, bulkSearches, nextFlow };

    const modes: ModeResult[] = [];
    for (const [run, instances] of INSTANCE_COUNTS.entries()) modes.push(await runMode(instances, run, prepared));

    const counts = (await pool.query(`SELECT (SELECT count(*) FROM "StudentContact")::int AS rows, (SELECT count(*) FROM "ParentAccount")::int AS accounts`)).rows[0];
    const header =
      `Load test on bench_${ROWS} (${counts.rows.toLocaleString("en-US")} rows, ${counts.accounts.toLocaleString("en-US")} parent logins), ` +
      `${os.cpus().length} CPUs, load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}, ${new Date().toISOString()}`;
    const report = formatReport(header, modes);
    mkdirSync(".data", { recursive: true });
    writeFileSync(path.join(".data", `loadtest-${ROWS}.txt`), `${report}\n`);
    log(`\n(Report also written to .data/loadtest-${ROWS}.txt)`);
  } finally {
    await retireBenchStaff(pool, agents.map((agent) => agent.id)).catch(() => {});
    await database.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
