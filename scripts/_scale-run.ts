import { importRoster } from "@/lib/roster/import-roster";
const source = process.argv[2]!;
const t0 = performance.now();
let last = "";
const result = await importRoster({
  source, dryRun: process.argv.includes("--dry"), confirmRemovals: true, actor: { type: "SYSTEM", label: "scale" },
  onProgress: (p) => { if (p.phase !== last) { console.log(((performance.now() - t0) / 1000).toFixed(1), p.phase, p.rowsDone, p.rowsTotal); last = p.phase; } },
});
console.log(((performance.now() - t0) / 1000).toFixed(1), "done", result.outcome, JSON.stringify(result.summary && { s: result.summary.students, c: result.summary.contacts, l: result.summary.links, rej: result.summary.rejected }));
console.log("maxRSS MB", Math.round(process.resourceUsage().maxRSS / 1024));
process.exit(0);
