// What the benchmark adds around the imported roster: the district settings and a site admin
// (before the import, which reads the settings), and parent logins for ~90% of the imported
// contacts (after it: a login belongs to the portal, not to the SIS). Set-based SQL, one
// shared argon2 hash: hashing a million passwords is not what is measured.
import type pg from "pg";
import { hashSecret } from "@/lib/security/password-hash";
import { defaultDistrictSettings } from "@/lib/settings/district-settings";

export const BENCH_ADMIN_PASSPHRASE = "benchmark-site-admin-passphrase";
export const BENCH_PARENT_PASSWORD = "Benchmark-Parent-2026";

/** A deterministic uniform draw in [0, 1) from a row number and a salt, inline in SQL. */
function u(column: string, salt: number): string {
  return `((hashint8((${column})::bigint * 64 + ${salt}) & 2147483647)::float8 / 2147483648.0)`;
}

export async function prepareBenchDistrict(client: pg.Client | pg.Pool): Promise<{ adminEmail: string }> {
  const settings = defaultDistrictSettings();
  const adminEmail = `bench-admin@${settings.staffEmailDomains[0] ?? "riverside.example.org"}`;
  await client.query(
    `INSERT INTO "DistrictSettings" (id, "districtName", "supportPhone", "supportEmail", "senderAddress", "staffEmailDomains", "updatedAt")
     VALUES (1, $1, $2, $3, $4, $5, now()) ON CONFLICT (id) DO NOTHING`,
    [settings.districtName, settings.supportPhone, settings.supportEmail, settings.senderAddress, settings.staffEmailDomains],
  );
  await client.query(
    `INSERT INTO "StaffUser" (email, name, role, "passwordHash", "updatedAt") VALUES ($1, 'Benchmark Admin', 'SITE_ADMIN', $2, now())
     ON CONFLICT (email) DO UPDATE SET "passwordHash" = EXCLUDED."passwordHash", disabled = false, "failedAttempts" = 0, "lockedUntil" = NULL`,
    [adminEmail, await hashSecret(BENCH_ADMIN_PASSPHRASE)],
  );
  return { adminEmail };
}

/**
 * Logins for ~90% of the contacts (88% ACTIVE, 8% RESET, 4% PENDING_PASSWORD_CHANGE), the
 * username being the e-mail's local part (unique in the generated roster) or parent<id>.
 * Contacts that already have one are left alone. Returns the number created.
 */
export async function createParentLogins(client: pg.Client | pg.Pool): Promise<number> {
  const result = await client.query(
    `INSERT INTO "ParentAccount" ("contactId", username, "usernameKey", "passwordHash", status, "resetAt", "passwordChangedAt", "updatedAt")
     SELECT c.id, x.name, lower(x.name), CASE WHEN x.st = 'RESET' THEN NULL ELSE $1 END, x.st::"AccountStatus",
            CASE WHEN x.st <> 'ACTIVE' THEN now() - interval '3 days' END, CASE WHEN x.st = 'ACTIVE' THEN now() - interval '200 days' END, now()
     FROM "Contact" c,
          LATERAL (SELECT coalesce(split_part(c.email, '@', 1), 'parent' || c.id) AS name,
                          CASE WHEN ${u("c.id", 31)} < 0.88 THEN 'ACTIVE' WHEN ${u("c.id", 31)} < 0.96 THEN 'RESET' ELSE 'PENDING_PASSWORD_CHANGE' END AS st) x
     WHERE ${u("c.id", 30)} < 0.9 AND c."removedAt" IS NULL
     ORDER BY c.id
     ON CONFLICT DO NOTHING`,
    [await hashSecret(BENCH_PARENT_PASSWORD)],
  );
  return result.rowCount ?? 0;
}
