// Synthetic district for the benchmark, written with set-based SQL (INSERT ... SELECT over
// generate_series), never row by row: 2,000,000 parent-child rows take minutes, not hours.
// Families of one culture each: 2 guardians (Mother, Father), 1 or 2 children (1.5 on
// average), so rows = 2 x students and contacts = 4/3 x students. Names come from the demo
// lists; their folded forms are computed here with foldName and passed beside the raw ones,
// so the SQL-built parentKey is exactly what the app computes for the same contact.
// Standalone: DATABASE_URL=... npx tsx scripts/bench/generate-district.ts --rows 20000
import { pathToFileURL } from "node:url";
import pg from "pg";
import { hashSecret } from "@/lib/security/password-hash";
import { defaultDistrictSettings } from "@/lib/settings/district-settings";
import { foldName, KEY_SEPARATOR } from "@/lib/text/fold-name";
import { asciiWord } from "@/scripts/demo/build-demo-district";
import { CULTURE_ORDER, CULTURES } from "@/scripts/demo/names";

export const BENCH_ADMIN_PASSPHRASE = "benchmark-site-admin-passphrase";
export const BENCH_PARENT_PASSWORD = "Benchmark-Parent-2026";
const CULTURE_WEIGHTS = [0.4, 0.7, 0.85, 1]; // cumulative: en 40%, es 30%, vi 15%, ar 15%

/** A deterministic uniform draw in [0, 1) from a row number and a salt, inline in SQL. */
function u(column: string, salt: number): string {
  return `((hashint8((${column})::bigint * 64 + ${salt}) & 2147483647)::float8 / 2147483648.0)`;
}

/** Flattened name segments: one array per form (raw, folded, ascii) plus per-culture offset and count. */
function nameTable(pick: (culture: (typeof CULTURES)["en"]) => readonly string[]) {
  const raw: string[] = [];
  const offsets: number[] = [];
  const counts: number[] = [];
  for (const culture of CULTURE_ORDER) {
    const names = pick(CULTURES[culture]);
    offsets.push(raw.length);
    counts.push(names.length);
    raw.push(...names);
  }
  return { raw, folded: raw.map(foldName), ascii: raw.map(asciiWord), offsets, counts };
}

export interface GeneratedDistrict {
  rows: number;
  students: number;
  contacts: number;
  accounts: number;
  schools: number;
  adminEmail: string;
  seconds: number;
}

export async function generateDistrict(client: pg.Client, rows: number, log: (line: string) => void = () => {}): Promise<GeneratedDistrict> {
  const started = Date.now();
  const students = Math.max(3, Math.ceil(rows / 2));
  const families = Math.floor(((students - 1) * 2) / 3) + 1;
  const schools = Math.max(6, Math.ceil(students / 600));
  const last = nameTable((names) => names.lastNames);
  const first = nameTable((names) => [...names.femaleFirstNames, ...names.maleFirstNames, ...names.childFirstNames]);
  const femaleCounts = CULTURE_ORDER.map((culture) => CULTURES[culture].femaleFirstNames.length);
  const maleCounts = CULTURE_ORDER.map((culture) => CULTURES[culture].maleFirstNames.length);
  const childCounts = CULTURE_ORDER.map((culture) => CULTURES[culture].childFirstNames.length);
  // One argon2 hash shared by every generated login: hashing a million passwords is not the point.
  const [parentHash, adminHash] = await Promise.all([hashSecret(BENCH_PARENT_PASSWORD), hashSecret(BENCH_ADMIN_PASSPHRASE)]);
  const settings = defaultDistrictSettings();
  const adminEmail = `bench-admin@${settings.staffEmailDomains[0] ?? "riverside.example.org"}`;

  const timed = async (label: string, sql: string, params: unknown[] = []) => {
    const at = Date.now();
    const result = await client.query(sql, params);
    log(`  ${label}: ${result.rowCount ?? 0} rows in ${((Date.now() - at) / 1000).toFixed(1)} s`);
  };
  await client.query("SET synchronous_commit = off");
  await client.query("SET maintenance_work_mem = '256MB'");
  await client.query("SET work_mem = '64MB'");

  await client.query(
    `INSERT INTO "DistrictSettings" (id, "districtName", "supportPhone", "supportEmail", "senderAddress", "staffEmailDomains", "updatedAt")
     VALUES (1, $1, $2, $3, $4, $5, now()) ON CONFLICT (id) DO NOTHING`,
    [settings.districtName, settings.supportPhone, settings.supportEmail, settings.senderAddress, settings.staffEmailDomains],
  );
  await client.query(
    `INSERT INTO "StaffUser" (email, name, role, "passwordHash", "updatedAt") VALUES ($1, 'Benchmark Admin', 'SITE_ADMIN', $2, now())
     ON CONFLICT (email) DO UPDATE SET "passwordHash" = EXCLUDED."passwordHash", disabled = false, "failedAttempts" = 0, "lockedUntil" = NULL`,
    [adminEmail, adminHash],
  );
  await timed(
    "schools",
    `INSERT INTO "School" (code, name) SELECT 'S' || lpad(n::text, 4, '0'), 'School ' || n FROM generate_series(1, $1::int) n`,
    [schools],
  );

  // Per family: culture (1-4), family surname, mother's surname (often her own), first names.
  // Squaring a draw favours the first, most common surnames of each list, as in real districts.
  await client.query("DROP TABLE IF EXISTS bench_family, bench_parent");
  await timed(
    "families",
    `CREATE TEMP TABLE bench_family AS
     SELECT k, c,
       lo[c] + floor(lc[c] * ${u("k", 2)} * ${u("k", 3)})::int + 1 AS last_i,
       CASE WHEN c = 1 AND ${u("k", 4)} < 0.85 THEN lo[c] + floor(lc[c] * ${u("k", 2)} * ${u("k", 3)})::int + 1
            ELSE lo[c] + floor(lc[c] * ${u("k", 5)} * ${u("k", 6)})::int + 1 END AS mother_last_i,
       fo[c] + floor(fc[c] * ${u("k", 7)})::int + 1 AS mother_first_i,
       fo[c] + fc[c] + floor(mc[c] * ${u("k", 8)})::int + 1 AS father_first_i
     FROM generate_series(1, $1::int) k,
          LATERAL (SELECT CASE WHEN ${u("k", 1)} < $2 THEN 1 WHEN ${u("k", 1)} < $3 THEN 2 WHEN ${u("k", 1)} < $4 THEN 3 ELSE 4 END AS c) culture,
          (SELECT $5::int[] AS lo, $6::int[] AS lc, $7::int[] AS fo, $8::int[] AS fc, $9::int[] AS mc) arrays`,
    [families, CULTURE_WEIGHTS[0], CULTURE_WEIGHTS[1], CULTURE_WEIGHTS[2], last.offsets, last.counts, first.offsets, femaleCounts, maleCounts],
  );
  await timed(
    "parents",
    `CREATE TEMP TABLE bench_parent AS
     SELECT 2 * k - 1 + r AS id, k, c,
            CASE r WHEN 0 THEN mother_first_i ELSE father_first_i END AS first_i,
            CASE r WHEN 0 THEN mother_last_i ELSE last_i END AS last_i
     FROM bench_family CROSS JOIN generate_series(0, 1) r`,
  );
  await client.query("CREATE INDEX ON bench_family (k)");

  await timed(
    "contacts",
    `INSERT INTO "Contact" (id, "firstName", "lastName", email, phone, "preferredLocale")
     SELECT p.id, ($1::text[])[p.first_i], ($2::text[])[p.last_i],
            CASE WHEN ${u("p.id", 10)} < 0.95
                 THEN ($3::text[])[p.first_i] || '.' || ($4::text[])[p.last_i] || p.id || '@' || (ARRAY['example.com', 'example.net'])[1 + p.id % 2] END,
            '555-' || lpad((200 + p.id % 800)::text, 3, '0') || '-' || lpad((p.id % 10000)::text, 4, '0'),
            (CASE WHEN p.c = 1 OR ${u("p.id", 11)} < 0.25 THEN 'en' ELSE (ARRAY['en', 'es', 'vi', 'ar'])[p.c] END)::"Locale"
     FROM bench_parent p ORDER BY p.id`,
    [first.raw, last.raw, first.ascii, last.ascii],
  );
  await timed(
    "students",
    `INSERT INTO "Student" (id, "studentNumber", "firstName", "lastName", grade, "schoolId")
     SELECT s, (1000000 + (s::bigint * 7919) % 9000000)::text,
            ($1::text[])[($3::int[])[f.c] + floor(($4::int[])[f.c] * ${u("s", 20)})::int + 1], ($2::text[])[f.last_i],
            (ARRAY['K','1','2','3','4','5','6','7','8','9','10','11','12'])[1 + floor(13 * ${u("s", 21)})::int],
            1 + floor($5::int * ${u("s", 22)})::int
     FROM generate_series(1, $6::int) s JOIN bench_family f ON f.k = (s - 1) * 2 / 3 + 1 ORDER BY s`,
    [first.raw, last.raw, first.offsets.map((offset, i) => offset + femaleCounts[i]! + maleCounts[i]!), childCounts, schools, students],
  );
  await timed(
    "parent-child rows",
    `INSERT INTO "StudentContact" ("studentId", "contactId", relationship, "parentKey")
     SELECT s, 2 * ((s - 1) * 2 / 3 + 1) - 1 + r, CASE r WHEN 0 THEN 'Mother' ELSE 'Father' END,
            ($1::text[])[p.last_i] || $3 || ($2::text[])[p.first_i]
     FROM generate_series(1, $4::int) s CROSS JOIN generate_series(0, 1) r
     JOIN bench_parent p ON p.id = 2 * ((s - 1) * 2 / 3 + 1) - 1 + r
     ORDER BY s, r`,
    [last.folded, first.folded, KEY_SEPARATOR, students],
  );
  await timed(
    "parent logins",
    `INSERT INTO "ParentAccount" ("contactId", username, "usernameKey", "passwordHash", status, "resetAt", "passwordChangedAt", "updatedAt")
     SELECT p.id, name, name, CASE WHEN st = 'RESET' THEN NULL ELSE $3 END, st::"AccountStatus",
            CASE WHEN st <> 'ACTIVE' THEN now() - interval '3 days' END, CASE WHEN st = 'ACTIVE' THEN now() - interval '200 days' END, now()
     FROM bench_parent p,
          LATERAL (SELECT ($1::text[])[p.first_i] || '.' || ($2::text[])[p.last_i] || p.id AS name,
                          CASE WHEN ${u("p.id", 31)} < 0.88 THEN 'ACTIVE' WHEN ${u("p.id", 31)} < 0.96 THEN 'RESET' ELSE 'PENDING_PASSWORD_CHANGE' END AS st) x
     WHERE ${u("p.id", 30)} < 0.9 ORDER BY p.id`,
    [first.ascii, last.ascii, parentHash],
  );
  const accounts = Number((await client.query(`SELECT count(*) AS n FROM "ParentAccount"`)).rows[0].n);
  for (const table of ["Student", "Contact", "StudentContact", "ParentAccount", "School"]) {
    await client.query(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max(id) FROM "${table}"))`);
  }
  await client.query("DROP TABLE bench_family, bench_parent");
  // VACUUM sets the visibility map, so capped counts are index-only scans, as in a settled database.
  const at = Date.now();
  await client.query("VACUUM ANALYZE");
  log(`  vacuum analyze: ${((Date.now() - at) / 1000).toFixed(1)} s`);
  return { rows: students * 2, students, contacts: families * 2, accounts, schools, adminEmail, seconds: (Date.now() - started) / 1000 };
}

async function main() {
  const rowsArg = process.argv.indexOf("--rows");
  const rows = rowsArg >= 0 ? Number(process.argv[rowsArg + 1]) : 2_000_000;
  if (!Number.isInteger(rows) || rows < 6) throw new Error("--rows must be an integer >= 6");
  if (!process.env.DATABASE_URL) throw new Error("Set DATABASE_URL to an empty, migrated database.");
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const result = await generateDistrict(client, rows, console.log);
    console.log(result);
  } finally {
    await client.end();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
