// The load test's figures as plain-text tables, with issue 11's targets marked PASS or MISS.
import { formatTable, ms } from "@/scripts/bench/stats";
import type { EndpointFigures } from "./latency-log";

export const TARGETS = {
  dayErrors: 0,
  daySearchP95Ms: 100,
  searchPerSecond: 250,
  signInPagesPerSecond: 200,
  rssGrowth: 0.2,
};

export interface ModeResult {
  instances: number;
  day: EndpointFigures[];
  bulkReset: { seconds: number; resetRows: number; requestedRows: number; failure?: string };
  mailsDelivered: number;
  /** CPU seconds the servers used during the working day, and its length. */
  dayCpuSeconds: number;
  dayWallSeconds: number;
  capacity: EndpointFigures[];
  /** MB: after sign-in, after the warm-up (the target's "before"), after the run. */
  rss: { atStart: number; before: number; after: number }[];
  /** The servers' first error-level log lines (their JSON log), to explain errors. */
  serverErrors: string[];
}

const mark = (pass: boolean) => (pass ? "PASS" : "MISS");
const percent = (after: number, before: number) => `${(((after - before) / before) * 100).toFixed(0)}%`;

function endpointRows(instances: number, phase: string, figures: EndpointFigures[]): string[][] {
  return figures.map((f) => [
    `${instances} inst. ${phase}`,
    f.endpoint,
    String(f.requests),
    f.perSecond.toFixed(1),
    ms(f.latency.p50),
    ms(f.latency.p95),
    ms(f.latency.p99),
    ms(f.latency.max),
    String(f.errors),
    f.serverCpuMsPerRequest === undefined ? "" : ms(f.serverCpuMsPerRequest),
  ]);
}

export function formatReport(header: string, modes: ModeResult[]): string {
  const lines = [header, ""];
  lines.push(
    formatTable(
      ["run", "endpoint", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "server CPU ms/req"],
      modes.flatMap((mode) => [...endpointRows(mode.instances, "working day", mode.day), ...endpointRows(mode.instances, "capacity", mode.capacity)]),
    ),
    "",
  );
  lines.push(
    formatTable(
      ["run", "server", "RSS at start MB", "after warm-up MB", "after the run MB", "growth from warm-up", "growth from start"],
      modes.flatMap((mode) =>
        mode.rss.map((rss, i) => [
          `${mode.instances} inst.`,
          `#${i + 1}`,
          rss.atStart.toFixed(0),
          rss.before.toFixed(0),
          rss.after.toFixed(0),
          percent(rss.after, rss.before),
          percent(rss.after, rss.atStart),
        ]),
      ),
    ),
    "",
  );
  for (const mode of modes) {
    const reset = mode.bulkReset;
    lines.push(
      `${mode.instances} instance(s): bulk reset of ${reset.requestedRows} matching rows during the day: ` +
        (reset.failure ? `FAILED ${reset.failure}` : `${reset.resetRows} rows reset in ${reset.seconds.toFixed(1)} s`) +
        `; mails delivered to the SMTP server during the run: ${mode.mailsDelivered}; ` +
        `the servers used ${mode.dayCpuSeconds.toFixed(0)} CPU s in the ${mode.dayWallSeconds} s day (${(mode.dayCpuSeconds / mode.dayWallSeconds).toFixed(2)} cores)`,
    );
    for (const f of [...mode.day, ...mode.capacity].filter((e) => e.examples.length > 0)) lines.push(`  errors of ${f.endpoint}: ${f.examples.join(" | ")}`);
    for (const line of mode.serverErrors) lines.push(`  server log: ${line}`);
  }
  lines.push("", "Targets:");
  for (const mode of modes) {
    const dayErrors = mode.day.reduce((sum, f) => sum + f.errors, 0) + (mode.bulkReset.failure ? 1 : 0);
    const daySearch = mode.day.find((f) => f.endpoint.startsWith("GET /api/console/parents"));
    const search = mode.capacity.find((f) => f.endpoint.startsWith("GET /api/console/parents"));
    const signIn = mode.capacity.find((f) => f.endpoint.startsWith("GET /sign-in"));
    const growth = Math.max(...mode.rss.map((rss) => (rss.after - rss.before) / rss.before));
    lines.push(
      `  ${mode.instances} instance(s): working day errors ${dayErrors} (target ${TARGETS.dayErrors}) ${mark(dayErrors === TARGETS.dayErrors)}; ` +
        `search p95 ${ms(daySearch?.latency.p95)} ms (<= ${TARGETS.daySearchP95Ms}) ${mark((daySearch?.latency.p95 ?? Infinity) <= TARGETS.daySearchP95Ms)}; ` +
        `search capacity ${search?.perSecond.toFixed(0)} req/s (>= ${TARGETS.searchPerSecond}) ${mark((search?.perSecond ?? 0) >= TARGETS.searchPerSecond)}; ` +
        `/sign-in ${signIn?.perSecond.toFixed(0)} pages/s (>= ${TARGETS.signInPagesPerSecond}) ${mark((signIn?.perSecond ?? 0) >= TARGETS.signInPagesPerSecond)}; ` +
        `RSS growth after warm-up ${(growth * 100).toFixed(0)}% (<= ${TARGETS.rssGrowth * 100}%) ${mark(growth <= TARGETS.rssGrowth)}`,
    );
  }
  const text = lines.join("\n");
  console.log(`\n${text}`);
  return text;
}
