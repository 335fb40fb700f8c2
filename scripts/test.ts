// `npm test`: makes sure Chromium is there, builds the app for the browser tests, runs
// every vitest project (unit, components, integration on PostgreSQL, e2e in Chromium)
// and ends with one plain "N passed, N failed" line.
// Flags: --no-build (reuse .next), --project NAME (repeatable), any other args go to vitest.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CHROMIUM_PATH } from "../tests/helpers/browser";

const args = process.argv.slice(2);
const skipBuild = args.includes("--no-build");
const vitestArgs = args.filter((arg) => arg !== "--no-build");
const projects = vitestArgs.flatMap((arg, i) => (arg === "--project" ? [vitestArgs[i + 1]] : []));
const wantsE2e = projects.length === 0 || projects.includes("e2e");

function ensureChromium() {
  if (existsSync(CHROMIUM_PATH)) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync("which", ["apt-get"]).status === 0;
  if (!isRoot || !hasApt) {
    console.error(`Chromium is missing at ${CHROMIUM_PATH}. Install it with: sudo apt-get install -y chromium`);
    process.exit(1);
  }
  console.log("Installing Chromium (apt-get install -y chromium)…");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}

function run(command: string, commandArgs: string[]) {
  const result = spawnSync(command, commandArgs, { stdio: "inherit", env: process.env });
  return result.status ?? 1;
}

if (wantsE2e) {
  ensureChromium();
  if (!skipBuild) {
    console.log("Building the app for the browser tests (next build)…");
    if (run("npx", ["next", "build"]) !== 0) process.exit(1);
  }
}

const reportFile = path.join(mkdtempSync(path.join(os.tmpdir(), "vitest-report-")), "report.json");
const status = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${reportFile}`, ...vitestArgs]);

let passed = 0;
let failed = 0;
if (existsSync(reportFile)) {
  const report = JSON.parse(readFileSync(reportFile, "utf8")) as { numPassedTests: number; numFailedTests: number };
  passed = report.numPassedTests;
  failed = report.numFailedTests;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(status !== 0 || failed > 0 || passed === 0 ? 1 : 0);
