// `npx tsx scripts/loadtest/cpu-profile-summary.ts <file.cpuprofile> [top] [--last S]`: where a
// server's CPU time went, from a V8 profile (`npm run loadtest -- --cpu-prof` and
// endpoint-profile.ts write one per server to .data/loadtest-cpu/): self time by package or area
// (a node_modules package, the Next.js server bundle's chunks, Node.js internals, garbage
// collection, idle) and the functions with the most. --last S keeps only the profile's last S
// seconds (the measured run, without start-up and warm-up). V8 samples the thread's time, so a
// system call during which the process waits for a CPU (writev waking PostgreSQL on a busy
// machine) weighs more here than in the process's CPU time.
import { readFileSync } from "node:fs";
import { argValue } from "@/scripts/bench/cli-args";
import { formatTable } from "@/scripts/bench/stats";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** The area a function belongs to: its npm package, the app's bundle, or a V8 pseudo-frame. */
function areaOf({ functionName, url }: ProfileNode["callFrame"]): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node internals";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.includes("/.next/server/")) return ".next server bundle (app, Next.js, bundled libraries)";
  return url.replace(/^file:\/\/.*?\/(app|lib|scripts)\//, "$1/");
}

function summarize(profile: CpuProfile, top: number, lastSeconds?: number): string {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  // Sample i was taken at startTime + the deltas up to i (microseconds).
  const from = lastSeconds === undefined ? -Infinity : profile.endTime - lastSeconds * 1e6;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= from) selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...selfMs.values()].reduce((sum, ms) => sum + ms, 0);
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const frame = nodes.get(id)!.callFrame;
    const area = areaOf(frame);
    byArea.set(area, (byArea.get(area) ?? 0) + ms);
    const name = `${frame.functionName || "(anonymous)"} ${frame.url.split("/").slice(-2).join("/")}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  }
  const rows = (entries: Map<string, number>) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => [name.slice(0, 110), (ms / 1000).toFixed(1), `${((ms / total) * 100).toFixed(1)}%`]);
  return [
    `CPU profile: ${(total / 1000).toFixed(1)} s sampled`,
    "",
    formatTable(["area (self time)", "s", "share"], rows(byArea)),
    "",
    formatTable(["function (self time)", "s", "share"], rows(byFunction)),
  ].join("\n");
}

const last = argValue("--last");
const [file, top = "25"] = process.argv.slice(2).filter((arg, i, args) => !arg.startsWith("--") && args[i - 1] !== "--last");
if (!file || (last !== undefined && !(Number(last) > 0))) {
  console.error("usage: tsx scripts/loadtest/cpu-profile-summary.ts <file.cpuprofile> [top] [--last S]");
  process.exit(1);
}
console.log(summarize(JSON.parse(readFileSync(file, "utf8")) as CpuProfile, Number(top), last === undefined ? undefined : Number(last)));
