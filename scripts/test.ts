// `npm test`: makes sure Chromium is there, builds the app for the browser tests while the
// unit, component and integration projects run, then runs the security timing files and the
// browser tests (e2e in Chromium), and ends with one plain "N passed, N failed" line.
// Flags: --no-build (reuse .next), --project NAME (repeatable), any other args go to vitest.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync } from "node:fs";
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

/** `next build` in the background, its output kept in a file (shown only if it fails). */
function startBuild(): Promise<number> {
  const logFile = path.join(mkdtempSync(path.join(os.tmpdir(), "next-build-")), "build.log");
  const log = openSync(logFile, "w");
  console.log(`Building the app for the browser tests in the background (next build, log: ${logFile})…`);
  const child = spawn("npx", ["next", "build"], { stdio: ["ignore", log, log], env: process.env });
  return new Promise((resolve) => {
    child.on("close", (code) => {
      closeSync(log);
      if (code !== 0) process.stdout.write(readFileSync(logFile, "utf8"));
      else console.log("next build finished.");
      resolve(code ?? 1);
    });
  });
}

type Counts = { passed: number; failed: number; status: number };

/** One vitest run with a JSON report: its exit status and its counts. */
function runVitest(extraArgs: string[]): Counts {
  const reportFile = path.join(mkdtempSync(path.join(os.tmpdir(), "vitest-report-")), "report.json");
  const status = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${reportFile}`, ...extraArgs]);
  if (!existsSync(reportFile)) return { passed: 0, failed: 0, status };
  const report = JSON.parse(readFileSync(reportFile, "utf8")) as { numPassedTests: number; numFailedTests: number };
  return { passed: report.numPassedTests, failed: report.numFailedTests, status };
}

const EARLY_PROJECTS = ["unit", "components", "integration"];
const LATE_PROJECTS = ["integration-timing", "e2e"];

async function main(): Promise<number> {
  // npm scripts put node_modules/.bin (the `node` package: Node.js 24) first on PATH, and every
  // process below inherits it; the log says which Node.js that was.
  console.log(`Node.js ${process.version} (${process.execPath})`);
  if (wantsE2e) ensureChromium();
  const runs: Counts[] = [];
  if (projects.length === 0 && !skipBuild) {
    // The build (~2.5 minutes of mostly CPU) overlaps the projects that do not need it; the
    // security timing files and the browser tests run after it, on a machine as quiet as it gets.
    const build = startBuild();
    // spawnSync blocks this process, not the build: it is a process of its own.
    runs.push(runVitest([...EARLY_PROJECTS.flatMap((name) => ["--project", name]), ...vitestArgs]));
    if ((await build) !== 0) return 1;
    runs.push(runVitest([...LATE_PROJECTS.flatMap((name) => ["--project", name]), ...vitestArgs]));
  } else {
    if (wantsE2e && !skipBuild) {
      console.log("Building the app for the browser tests (next build)…");
      if (run("npx", ["next", "build"]) !== 0) return 1;
    }
    runs.push(runVitest(vitestArgs));
  }
  const passed = runs.reduce((sum, counts) => sum + counts.passed, 0);
  const failed = runs.reduce((sum, counts) => sum + counts.failed, 0);
  console.log(`\n${passed} passed, ${failed} failed`);
  return runs.some((counts) => counts.status !== 0) || failed > 0 || passed === 0 ? 1 : 0;
}

main().then((code) => process.exit(code));
