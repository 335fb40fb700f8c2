// Who the load test acts as, in the benchmark district: help-desk agents and the district's
// site admin (bench-staff.ts: two-step sign-in with recovery codes), parents' addresses and
// usernames for the recovery flows, and the search a bulk reset covers.
import type pg from "pg";
import { hashSecret } from "@/lib/security/password-hash";
import { countMatchingRows } from "@/lib/parents/search-parents";
import { BENCH_ADMIN_PASSPHRASE } from "@/scripts/bench/bench-accounts";
import { prepareBenchStaff, type BenchStaffMember } from "@/scripts/bench/bench-staff";
import type { ParentIdentity } from "./working-day";

const AGENT_PASSPHRASE = "load test help desk agent passphrase";

async function staffDomain(pool: pg.Pool): Promise<string> {
  const settings = await pool.query<{ domains: string[] }>(`SELECT "staffEmailDomains" AS domains FROM "DistrictSettings" WHERE id = 1`);
  return settings.rows[0]?.domains[0] ?? "riverside.example.org";
}

/** `count` help-desk members loadtest-agent-NN@<district domain>, each with `codes` recovery codes. */
export async function prepareAgents(pool: pg.Pool, count: number, codes: number): Promise<BenchStaffMember[]> {
  const domain = await staffDomain(pool);
  const passwordHash = await hashSecret(AGENT_PASSPHRASE);
  const agents: BenchStaffMember[] = [];
  for (let i = 1; i <= count; i++) {
    const email = `loadtest-agent-${String(i).padStart(2, "0")}@${domain}`;
    agents.push(await prepareBenchStaff(pool, { email, name: `Load Test Agent ${i}`, role: "HELP_DESK", password: AGENT_PASSPHRASE, passwordHash }, codes));
  }
  return agents;
}

/** The benchmark's site admin (bench-accounts.ts), ready for `codes` sign-ins. */
export async function prepareSiteAdmin(pool: pg.Pool, codes: number): Promise<BenchStaffMember> {
  const admin = await pool.query<{ email: string }>(`SELECT email FROM "StaffUser" WHERE email LIKE 'bench-admin@%' LIMIT 1`);
  const email = admin.rows[0]?.email;
  if (!email) throw new Error("the benchmark database has no bench-admin: create the district with `npm run bench -- --keep` first");
  return prepareBenchStaff(pool, { email, name: "Benchmark Admin", role: "SITE_ADMIN", password: BENCH_ADMIN_PASSPHRASE }, codes);
}

/** Addresses and usernames of parents with a login, spread over the district. */
export async function parentIdentities(pool: pg.Pool, count: number): Promise<ParentIdentity[]> {
  const { rows } = await pool.query<ParentIdentity>(
    `SELECT c.email, pa.username FROM "ParentAccount" pa JOIN "Contact" c ON c.id = pa."contactId"
     WHERE c.email IS NOT NULL ORDER BY hashint4(pa.id) LIMIT $1`,
    [count],
  );
  if (rows.length === 0) throw new Error("no parent logins with an e-mail address in the district");
  return rows;
}

/**
 * `count` name prefixes, each matching at most `cap` rows, with as many active logins as
 * possible, for bulk resets of whole searches ("reset all matching"); each run takes a different
 * one, so each resets logins that are still active (earlier benchmark runs reset some).
 */
export async function bulkResetSearches(pool: pg.Pool, cap: number, count: number): Promise<{ q: string; letter: string; rows: number }[]> {
  const { rows } = await pool.query<{ prefix: string }>(
    `SELECT left(sc."parentKey", 3) AS prefix FROM "StudentContact" sc
     LEFT JOIN "ParentAccount" pa ON pa."contactId" = sc."contactId"
     WHERE length(sc."parentKey") >= 3
     GROUP BY 1 HAVING count(*) <= $1 ORDER BY count(*) FILTER (WHERE pa.status = 'ACTIVE') DESC LIMIT 40`,
    [cap],
  );
  const chosen: { q: string; letter: string; rows: number }[] = [];
  for (const { prefix } of rows) {
    if (!/^[a-z]{3}$/.test(prefix)) continue;
    // The search also matches later words of compound names: its own count decides.
    // Counted as "select all matching" counts them for the site admin who resets them.
    const total = await countMatchingRows({ q: prefix, letter: "all" }, cap);
    if (!total.capped) chosen.push({ q: prefix, letter: "all", rows: total.count });
    if (chosen.length === count) break;
  }
  if (chosen.length < count) throw new Error(`found only ${chosen.length} searches of at most ${cap} rows for the bulk resets`);
  return chosen;
}
