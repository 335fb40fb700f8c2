// The process's Prometheus metrics (prom-client), served by GET /api/metrics. Counters and
// histograms count what this process did since it started (each instance is scraped on its
// own); the outbox's queue depth and oldest age are read from the database at scrape time
// (lib/ops/outbox-backlog-metrics.ts), since every instance shares one queue. No label ever
// holds a name, address or anything else a person typed: only values from fixed lists.
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

function createMetrics() {
  const registry = new Registry();
  // Process figures: resident memory, CPU, heap, event-loop delay, garbage collection.
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    resetRows: new Counter({ name: "portal_parent_reset_rows_total", help: "Grid rows (parent-child links) whose parent login staff reset", registers }),
    resetLogins: new Counter({ name: "portal_parent_reset_logins_total", help: "Distinct parent logins staff reset", registers }),
    reregistrations: new Counter({
      name: "portal_parent_reregistrations_completed_total",
      help: "Parents who registered again after a staff reset (the login left RESET)",
      registers,
    }),
    temporaryPasswords: new Counter({
      name: "portal_temporary_passwords_issued_total",
      help: "Temporary passwords issued to parents, by reason (registration, resend)",
      labelNames: ["reason"] as const,
      registers,
    }),
    securityCodes: new Counter({
      name: "portal_security_codes_issued_total",
      help: "Security and verification codes issued, by purpose",
      labelNames: ["purpose"] as const,
      registers,
    }),
    signInFailures: new Counter({
      name: "portal_sign_in_failures_total",
      help: "Refused sign-ins, by scope (parent, staff) and kind (password, unknown, locked, rate-limited, ...)",
      labelNames: ["scope", "kind"] as const,
      registers,
    }),
    rateLimitHits: new Counter({
      name: "portal_rate_limit_hits_total",
      help: "Requests refused by a rate limit, by limit",
      labelNames: ["limit"] as const,
      registers,
    }),
    outboxSends: new Counter({
      name: "portal_outbox_sends_total",
      help: "Outbox send attempts by outbox (mail, sms) and result (sent, retried: failed and queued again, failed: given up)",
      labelNames: ["outbox", "result"] as const,
      registers,
    }),
    rosterRuns: new Counter({
      name: "portal_roster_import_runs_total",
      help: "Roster import runs finished in this process, by outcome (applied, dry-run, needs-confirmation, failed)",
      labelNames: ["outcome"] as const,
      registers,
    }),
    rosterRows: new Counter({
      name: "portal_roster_import_rows_total",
      help: "Records applied by roster imports, by entity (school, student, contact, link) and change (added, changed, removed, restored, unchanged, rejected)",
      labelNames: ["entity", "change"] as const,
      registers,
    }),
    gridSearchRequest: new Histogram({
      name: "portal_grid_search_request_duration_seconds",
      help: "GET /api/console/parents: the whole request (session, search, JSON), by status",
      labelNames: ["status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    gridSearchQuery: new Histogram({
      name: "portal_grid_search_query_duration_seconds",
      help: "The grid's search in the database (page, count and rows), by search (typed, letter, all)",
      labelNames: ["search"] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    }),
    publicPages: new Counter({
      name: "portal_public_page_answers_total",
      help: "Parents' entry pages for visitors without a session: answered from the server's copy (copy), or rendered by Next.js to make one (render)",
      labelNames: ["source"] as const,
      registers,
    }),
    httpRequests: new Histogram({
      name: "portal_http_request_duration_seconds",
      help: "Every HTTP request the portal's server answered, by method and status class",
      labelNames: ["method", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
  };
}

export type PortalMetrics = ReturnType<typeof createMetrics>;

// One set per process: the server (loaded by tsx) and the app (Next.js's bundle) each load this
// module, and a metric registered twice would be two counters.
const KEY = Symbol.for("parent-portal.metrics");
const holder = globalThis as unknown as Record<symbol, PortalMetrics | undefined>;

export const metrics: PortalMetrics = (holder[KEY] ??= createMetrics());

/** Seconds since `startedAt` (from performance.now()), for a histogram. */
export function secondsSince(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}
