// `npm run roster:import -- <zip|folder> [--dry-run] [--confirm-removals] [--report <file.csv>]`:
// imports the district roster from a OneRoster package, e.g. from a nightly cron job. Exit
// status: 0 applied (or dry run done), 1 failed, 3 stopped by the removal guard (nothing
// changed; --confirm-removals goes ahead), 2 wrong usage. Needs DATABASE_URL.
import { access } from "node:fs/promises";
import { parseArgs } from "node:util";
import { prisma } from "@/lib/db";
import { logger } from "@/lib/ops/logger";
import { runRosterImportCommand } from "@/lib/roster/jobs/roster-import-command";

// The command prints its own progress and report; the runner's JSON log lines (the server's
// log) only when asked for with LOG_LEVEL, else just warnings and errors.
if (!process.env.LOG_LEVEL?.trim()) logger.level = "warn";

const USAGE = "Usage: npm run roster:import -- <package.zip | folder> [--dry-run] [--confirm-removals] [--report <file.csv>]";

function fail(message: string, code = 2): never {
  console.error(`✗ ${message}`);
  process.exit(code);
}

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    strict: true,
    options: {
      "dry-run": { type: "boolean", default: false },
      "confirm-removals": { type: "boolean", default: false },
      report: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}
try {
  parsed = parse();
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
if (parsed.values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (parsed.positionals.length !== 1) fail(`Give exactly one package (a .zip file or a folder of CSV files).\n${USAGE}`);
if (!process.env.DATABASE_URL) {
  fail("DATABASE_URL is not set: point it at the district's (migrated) database, e.g. DATABASE_URL=postgresql://user:password@host:5432/portal npm run roster:import -- roster.zip");
}
const source = parsed.positionals[0]!;
try {
  await access(source);
} catch {
  fail(`${source}: no such file or folder.`);
}

let status = 1;
try {
  status = await runRosterImportCommand({
    source,
    dryRun: parsed.values["dry-run"],
    confirmRemovals: parsed.values["confirm-removals"],
    reportPath: parsed.values.report,
  });
} catch (error) {
  console.error(`✗ The roster import could not run: ${(error as Error).message}`);
  status = 1;
} finally {
  await prisma.$disconnect();
}
process.exit(status);
