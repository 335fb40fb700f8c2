// `npm start`: one command from a fresh clone to a running console with a demo district.
// Without DATABASE_URL: demo mode (DEMO_MODE=1) on an embedded PostgreSQL under .data/ (kept
// between runs). With DATABASE_URL: a real deployment, which must have SMTP_URL and an https
// public URL, and is never seeded. Then: migrations, the demo seed (demo mode, empty database
// only), a production build when the sources changed, and the portal's server
// (lib/http/portal-server.ts) on PORT (default 3000). `--dev` runs it in development mode;
// `--migrate-only` stops after the migrations (and the demo seed); `--no-serve` after the
// build (an upgrade prepares a checkout once, then starts each instance on it).
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { assertStartConfig, StartRefusedError } from "@/lib/config/assert-start-config";
import { startEmbeddedPostgres, type RunningPostgres } from "./embedded-postgres";

const DEV = process.argv.includes("--dev");
const MIGRATE_ONLY = process.argv.includes("--migrate-only");
const NO_SERVE = process.argv.includes("--no-serve");
const DATA_DIR = path.resolve(".data");
const PORT = process.env.PORT ?? "3000";

function step(message: string) {
  console.log(`\n▸ ${message}`);
}

function runOrExit(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`\n✗ ${command} ${args.join(" ")} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

/** A stable secret for signing sessions, created once and kept with the data. */
function authSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  mkdirSync(DATA_DIR, { recursive: true });
  const file = path.join(DATA_DIR, "auth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

/** Fingerprint of everything that goes into the build, to rebuild only when it changed. */
function sourceFingerprint(): string {
  const hash = createHash("sha256");
  const visit = (entry: string) => {
    if (!existsSync(entry)) return;
    const stats = statSync(entry);
    if (stats.isDirectory()) {
      for (const child of readdirSync(entry).sort()) if (child !== "generated") visit(path.join(entry, child));
    } else {
      hash.update(`${entry}:${stats.size}:${stats.mtimeMs}\n`);
    }
  };
  for (const entry of ["app", "components", "lib", "messages", "public", "next.config.ts", "tailwind.config.ts", "package-lock.json", "instrumentation.ts", "proxy.ts"]) visit(entry);
  return hash.digest("hex");
}

async function databaseIsEmpty(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ count: string }>('SELECT count(*)::text AS count FROM "Student"');
    return result.rows[0]?.count === "0";
  } finally {
    await client.end();
  }
}

/** The refusals of lib/http/portal-server.ts, checked before anything slow happens. */
function assertStartableOrExit(env: NodeJS.ProcessEnv): string {
  try {
    return assertStartConfig(env).publicUrl;
  } catch (error) {
    if (!(error instanceof StartRefusedError)) throw error;
    console.error(`\n✗ ${error.message}\n`);
    process.exit(1);
  }
}

async function main() {
  let embedded: RunningPostgres | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  // Demo mode exactly when we run the embedded database (or the operator asks for it).
  const demo = !databaseUrl || process.env.DEMO_MODE === "1";
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, DEMO_MODE: demo ? "1" : "" };
  const publicUrl = assertStartableOrExit(baseEnv);
  if (!databaseUrl) {
    step("Starting embedded PostgreSQL (data in .data/pg)");
    embedded = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "pg"), port: 5433 });
    const admin = new pg.Client({ connectionString: embedded.urlFor("postgres") });
    await admin.connect();
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'portal'");
    if (exists.rowCount === 0) await admin.query("CREATE DATABASE portal");
    await admin.end();
    databaseUrl = embedded.urlFor("portal");
  } else {
    step("Using the database at DATABASE_URL");
  }
  const env: NodeJS.ProcessEnv = { ...baseEnv, DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: authSecret() };

  step("Applying database migrations");
  runOrExit("npx", ["prisma", "migrate", "deploy"], env);

  // Only the embedded database gets the demo district (its staff passphrases are public):
  // a database given by DATABASE_URL is never seeded, even when empty.
  if (embedded && (await databaseIsEmpty(databaseUrl))) {
    step("Seeding the demo district");
    runOrExit("npx", ["tsx", "prisma/seed.ts"], env);
  }
  if (MIGRATE_ONLY) {
    await embedded?.stop();
    return;
  }

  if (!DEV) {
    const fingerprint = sourceFingerprint();
    const stampFile = path.join(".next", "source-fingerprint");
    const built = existsSync(".next/BUILD_ID") && existsSync(stampFile) && readFileSync(stampFile, "utf8") === fingerprint;
    if (!built) {
      step("Building the app (next build; only when the sources changed)");
      runOrExit("npx", ["next", "build"], env);
      writeFileSync(stampFile, fingerprint);
    }
  }
  if (NO_SERVE) {
    await embedded?.stop();
    return;
  }

  step(`Serving on port ${PORT}, public URL ${publicUrl}`);
  console.log(`  Staff console:  ${publicUrl}/console/sign-in`);
  console.log(`  Parent portal:  ${publicUrl}/sign-in`);
  if (demo) console.log(`  Demo app:       ${publicUrl}/demo-apps/lunch  (signs parents in through the portal: OpenID Connect)`);
  if (embedded && existsSync(path.join(DATA_DIR, "demo-credentials.txt"))) {
    console.log("  Demo sign-ins (from .data/demo-credentials.txt, written by the seed):");
    console.log(readFileSync(path.join(DATA_DIR, "demo-credentials.txt"), "utf8"));
  }

  const serverArgs = ["--import", "tsx", "scripts/serve.ts", "-p", PORT, ...(DEV ? ["--dev"] : [])];
  const server = spawn(process.execPath, serverArgs, { stdio: "inherit", env });
  const shutdown = async () => {
    server.kill("SIGTERM");
    await embedded?.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  server.on("exit", async (code) => {
    await embedded?.stop();
    process.exit(code ?? 0);
  });
}

main().catch(async (error) => {
  console.error(error);
  process.exit(1);
});
