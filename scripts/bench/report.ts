// The benchmark's printed report: one table for search, one for bulk reset, then the
// issue's targets with PASS or MISS. Returns the text so it can be saved as well.
import type { BulkResetResult } from "./bulk-reset-bench";
import type { Scenario } from "./search-scenarios";
import { formatTable, ms, triple, type Percentiles } from "./stats";

export interface ScenarioResult {
  scenario: Scenario;
  domain: Percentiles;
  raw: Percentiles;
  baseline: Percentiles;
  http?: Percentiles;
}

export interface ReportInput {
  rows: number;
  counts: { rows: number; students: number; contacts: number; accounts: number };
  generatedSeconds?: number;
  results: ScenarioResult[];
  httpError: string | null;
  bulk: BulkResetResult[];
  iterations: number;
  baselineIterations: number;
}

const TARGETS = { domainP95: 25, httpP95: 60, speedup: 50, bulk10kSeconds: 3 };

function verdict(ok: boolean | undefined) {
  return ok === undefined ? "n/a " : ok ? "PASS" : "MISS";
}

function ratio(slow: number, fast: number) {
  return `${(slow / fast).toFixed(0)}x`;
}

export function printReport(input: ReportInput): string {
  const { counts, results, bulk } = input;
  const out: string[] = [];
  const fmt = (n: number) => n.toLocaleString("en-US");
  out.push("");
  out.push(
    `Synthetic district: ${fmt(counts.rows)} parent-child rows, ${fmt(counts.students)} students, ${fmt(counts.contacts)} contacts, ` +
      `${fmt(counts.accounts)} parent logins${input.generatedSeconds ? ` (generated in ${input.generatedSeconds.toFixed(0)} s)` : ""}`,
  );
  out.push(
    `Search, page size 50, times in ms as p50 / p95 / p99 over ${input.iterations} calls (baseline: ${input.baselineIterations} calls), inputs rotated:`,
  );
  out.push("");
  out.push(
    formatTable(
      ["scenario", "domain query", "raw SQL", "HTTP", "naive ILIKE baseline", "faster p50", "faster p95"],
      results.map((result) => [
        result.scenario.name,
        triple(result.domain),
        triple(result.raw),
        result.http ? triple(result.http) : "-",
        triple(result.baseline),
        ratio(result.baseline.p50, result.domain.p50),
        ratio(result.baseline.p95, result.domain.p95),
      ]),
    ),
  );
  if (input.httpError) out.push(`\nHTTP not measured: ${input.httpError}`);
  out.push("");
  out.push("Bulk reset (resetParentLogins, one transaction):");
  out.push("");
  out.push(
    formatTable(
      ["rows selected", "rows reset", "logins reset", "emails queued", "seconds", "rows/s"],
      bulk.map((run) => [
        fmt(run.requestedRows),
        fmt(run.outcome.resetRows),
        fmt(run.outcome.resetLogins),
        fmt(run.outcome.emailsQueued),
        run.seconds.toFixed(2),
        fmt(Math.round(run.rowsPerSecond)),
      ]),
    ),
  );

  const worstDomain = Math.max(...results.map((result) => result.domain.p95));
  const https = results.flatMap((result) => (result.http ? [result.http.p95] : []));
  const worstHttp = https.length === results.length && https.length > 0 ? Math.max(...https) : undefined;
  const slowestSpeedup = Math.min(...results.map((result) => result.baseline.p50 / result.domain.p50));
  const tenK = bulk.find((run) => run.requestedRows >= 10_000);
  out.push("");
  out.push(`Targets (issue 2, for 2,000,000 rows on 2 cores; this run: ${fmt(counts.rows)} rows):`);
  out.push(`  ${verdict(worstDomain <= TARGETS.domainP95)}  domain query p95 <= ${TARGETS.domainP95} ms      worst scenario: ${ms(worstDomain)} ms`);
  out.push(
    `  ${verdict(worstHttp === undefined ? undefined : worstHttp <= TARGETS.httpP95)}  HTTP p95 <= ${TARGETS.httpP95} ms              worst scenario: ${ms(worstHttp)} ms`,
  );
  out.push(
    `  ${verdict(slowestSpeedup >= TARGETS.speedup)}  >= ${TARGETS.speedup}x faster than baseline    smallest p50 ratio: ${slowestSpeedup.toFixed(0)}x`,
  );
  out.push(
    `  ${verdict(tenK ? tenK.seconds < TARGETS.bulk10kSeconds : undefined)}  bulk reset of 10,000 rows < ${TARGETS.bulk10kSeconds} s     ${tenK ? `${tenK.seconds.toFixed(2)} s` : "not run (district too small)"}`,
  );
  const text = out.join("\n");
  console.log(text);
  return text;
}
