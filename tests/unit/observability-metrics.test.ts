// The metrics' access rule (lib/ops/metrics-access.ts), the rate-limit names they count by
// (lib/security/rate-limit.ts) and the text format prom-client writes.
import { describe, expect, it } from "vitest";
import { assertStartConfig, StartRefusedError } from "@/lib/config/assert-start-config";
import { metrics } from "@/lib/ops/metrics";
import { metricsAccessAllowed, metricsTokenProblem } from "@/lib/ops/metrics-access";
import { rateLimitName } from "@/lib/security/rate-limit";

const TOKEN = "a".repeat(24) + "metrics-token-42";

describe("GET /api/metrics access", () => {
  it("needs the exact bearer token", () => {
    expect(metricsAccessAllowed(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(metricsAccessAllowed(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(metricsAccessAllowed(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(metricsAccessAllowed(`Bearer ${TOKEN.slice(1)}`, TOKEN)).toBe(false);
    expect(metricsAccessAllowed(TOKEN, TOKEN)).toBe(false);
    expect(metricsAccessAllowed(`Basic ${TOKEN}`, TOKEN)).toBe(false);
    expect(metricsAccessAllowed(null, TOKEN)).toBe(false);
  });

  it("does not exist without a token, nor with a short one", () => {
    expect(metricsAccessAllowed("Bearer ", "")).toBe(false);
    expect(metricsAccessAllowed("Bearer anything", undefined)).toBe(false);
    expect(metricsAccessAllowed("Bearer short", "short")).toBe(false);
  });

  it("a short or spaced METRICS_TOKEN refuses the start, naming the variable", () => {
    expect(metricsTokenProblem(undefined)).toBeNull();
    expect(metricsTokenProblem(TOKEN)).toBeNull();
    expect(metricsTokenProblem("too-short")).toMatch(/METRICS_TOKEN/);
    expect(metricsTokenProblem(`${TOKEN} ${TOKEN}`)).toMatch(/METRICS_TOKEN/);
    const env = { DEMO_MODE: "1", PORTAL_URL: "http://localhost:3000", METRICS_TOKEN: "too-short" } as unknown as NodeJS.ProcessEnv;
    expect(() => assertStartConfig(env)).toThrow(StartRefusedError);
    expect(() => assertStartConfig({ ...env, METRICS_TOKEN: TOKEN })).not.toThrow();
  });
});

describe("rate-limit names", () => {
  it("are the key's namespace and, from a fixed list, what it counts", () => {
    expect(rateLimitName("register:ip:203.0.113.9")).toBe("register:ip");
    expect(rateLimitName("register:student-ip:004512:203.0.113.9")).toBe("register:student-ip");
    expect(rateLimitName("parent-sign-in:fail:maria.garcia:203.0.113.0/24")).toBe("parent-sign-in:fail");
    expect(rateLimitName("staff-sign-in:devices-of:12")).toBe("staff-sign-in:devices-of");
    expect(rateLimitName("staff-change-passphrase:12")).toBe("staff-change-passphrase");
    expect(rateLimitName("staff-security-info-code:phone:12")).toBe("staff-security-info-code");
  });

  it("never carry what follows: a typed name, address or e-mail", () => {
    expect(rateLimitName("reset-code:maria:1")).toBe("reset-code");
    expect(rateLimitName("forgot-username:email:maria@example.com")).toBe("forgot-username:email");
    expect(rateLimitName("Maria Garcia:ip")).toBe("other:ip");
    expect(rateLimitName("maria@example.com")).toBe("other");
  });
});

describe("the metrics text", () => {
  it("is Prometheus' text format with the portal's counters and histograms, and process figures", async () => {
    metrics.rateLimitHits.inc({ limit: "register:ip" });
    metrics.gridSearchQuery.observe({ search: "typed" }, 0.004);
    const text = await metrics.registry.metrics();
    expect(metrics.registry.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toMatch(/^# HELP portal_rate_limit_hits_total /m);
    expect(text).toMatch(/^portal_rate_limit_hits_total\{limit="register:ip"\} [1-9]/m);
    expect(text).toMatch(/^portal_grid_search_query_duration_seconds_bucket\{le="0\.005",search="typed"\} [1-9]/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    for (const name of ["portal_parent_reset_rows_total", "portal_parent_reset_logins_total", "portal_parent_reregistrations_completed_total", "portal_temporary_passwords_issued_total", "portal_security_codes_issued_total", "portal_sign_in_failures_total", "portal_outbox_sends_total", "portal_roster_import_runs_total", "portal_roster_import_rows_total", "portal_grid_search_request_duration_seconds", "portal_http_request_duration_seconds"]) {
      expect(text).toContain(`# TYPE ${name}`);
    }
  });
});
