import path from "node:path";
import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

const alias = { "@": path.resolve(import.meta.dirname) };

// Files whose assertions compare durations measured in the run (security timing): they run
// after everything else but the browser tests, one at a time, on a machine as quiet as this run
// can make it.
export const TIMING_TESTS = [
  "tests/integration/forgot-enumeration.test.ts",
  "tests/integration/sign-in-refusal-timing.test.ts",
  "tests/integration/staff-recovery-enumeration.test.ts",
  "tests/integration/student-sign-in-timing.test.ts",
];

// The other integration files mostly wait (PostgreSQL, SMTP, padded answers): three at a time,
// each on its own cloned database, even on two cores (vitest's default is one fewer than cores).
// Projects that run together must have the same number of workers (vitest's rule).
const WORKERS = 3;

// Browser tests wait on Chromium and the server most of the time: two files at a time.
const E2E_WORKERS = 2;

const integration = {
  environment: "node" as const,
  globalSetup: ["tests/setup/global-database.ts"],
  setupFiles: ["tests/setup/fresh-database.ts"],
  // Links in mail come only from the public URL (lib/config/public-url.ts).
  // Signs device cookies minted by a successful sign-in (the e2e server gets its own).
  // The JSON log (lib/ops/logger.ts) at warn: tests that read log lines lower it themselves.
  env: { PORTAL_URL: "http://localhost:3000", NEXTAUTH_SECRET: "integration-tests-only-secret", LOG_LEVEL: "warn" },
  // Caps on waiting, not timing assertions: some files start commands or servers of their
  // own, which takes long on a busy two-core machine.
  testTimeout: 120_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node", maxWorkers: WORKERS },
      },
      {
        plugins: [react()],
        resolve: { alias },
        test: {
          name: "components",
          include: ["tests/components/**/*.test.tsx"],
          environment: "jsdom",
          setupFiles: ["tests/setup/components.ts"],
          maxWorkers: WORKERS,
          // A cap on waiting (see tests/setup/components.ts), not a timing assertion.
          testTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: { name: "integration", include: ["tests/integration/**/*.test.ts"], exclude: TIMING_TESTS, maxWorkers: WORKERS, ...integration },
      },
      {
        resolve: { alias },
        test: { name: "integration-timing", include: TIMING_TESTS, maxWorkers: 1, sequence: { groupOrder: 1 }, ...integration },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          // Each project that needs PostgreSQL starts its own throw-away server first.
          globalSetup: ["tests/setup/global-database.ts", "tests/setup/e2e-server.ts"],
          env: { PORTAL_URL: "http://localhost:3000" },
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Last, after the timing files: two files at a time, each worker with a production
          // server and database of its own (tests/setup/e2e-server.ts).
          maxWorkers: E2E_WORKERS,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
