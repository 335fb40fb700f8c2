// Staff members the benchmarks and the load test sign in as, through two-step sign-in like
// everyone else: each gets a bound authenticator whose secret nobody can use (the server's key
// is not the script's), registered security info (else the console holds the session at that
// setup step), and known one-time recovery codes, one spent per sign-in in the second step.
import type pg from "pg";
import { hashRecoveryCode } from "@/lib/staff-auth/mfa/recovery-codes";
import { hashSecret } from "@/lib/security/password-hash";
import { randomString } from "@/lib/security/random-secret";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { signInOverHttp } from "@/tests/helpers/server-action-http";

export interface BenchStaffMember {
  id: number;
  email: string;
  password: string;
  /** Unused recovery codes; signInBenchStaff spends the first. */
  codes: string[];
}

interface MemberSpec {
  email: string;
  name: string;
  role: StaffRole;
  password: string;
  /** The password's hash when several members share one (argon2 per member is slow and not what is measured). */
  passwordHash?: string;
}

// The shape of a real recovery code (lib/staff-auth/mfa/recovery-codes.ts): 16 of these letters.
const RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789";

/**
 * Adds (or re-enables, with this password and role) a staff member ready to sign in: confirmed
 * security info, an authenticator, and `codeCount` fresh recovery codes (earlier ones removed).
 */
export async function prepareBenchStaff(db: pg.Client | pg.Pool, spec: MemberSpec, codeCount = 1): Promise<BenchStaffMember> {
  const passwordHash = spec.passwordHash ?? (await hashSecret(spec.password));
  const staff = await db.query<{ id: number }>(
    `INSERT INTO "StaffUser" (email, name, role, "passwordHash", "updatedAt") VALUES ($1, $2, $3::"StaffRole", $4, now())
     ON CONFLICT (email) DO UPDATE SET "passwordHash" = EXCLUDED."passwordHash", role = EXCLUDED.role, disabled = false,
       "failedAttempts" = 0, "lockedUntil" = NULL
     RETURNING id`,
    [spec.email, spec.name, spec.role, passwordHash],
  );
  const id = staff.rows[0]!.id;
  const local = spec.email.split("@")[0];
  await db.query(
    `INSERT INTO "StaffSecurityInfo" ("staffUserId", "phoneE164", "phoneConfirmedAt", "altEmail", "altEmailConfirmedAt", "confirmedAt", "updatedAt")
     VALUES ($1, '+15035550199', now(), $2, now(), now(), now())
     ON CONFLICT ("staffUserId") DO UPDATE SET "confirmedAt" = now(), "reregistrationRequiredAt" = NULL`,
    [id, `${local}@personal.example.com`],
  );
  await db.query(
    `INSERT INTO "StaffTotp" ("staffUserId", "secretEnc", "confirmedAt") VALUES ($1, 'bench-authenticator-nobody-can-use', now())
     ON CONFLICT ("staffUserId") DO UPDATE SET "confirmedAt" = now()`,
    [id],
  );
  const codes = Array.from({ length: codeCount }, () => randomString(16, RECOVERY_ALPHABET));
  const hashes = await Promise.all(codes.map((code) => hashRecoveryCode(code)));
  await db.query(`DELETE FROM "StaffRecoveryCode" WHERE "staffUserId" = $1`, [id]);
  await db.query(`INSERT INTO "StaffRecoveryCode" ("staffUserId", "codeHash") SELECT $1, unnest($2::text[])`, [id, hashes]);
  return { id, email: spec.email, password: spec.password, codes };
}

/** Signs the member in over HTTP (passphrase, then a recovery code); returns the session's Cookie header. */
export async function signInBenchStaff(baseUrl: string, member: BenchStaffMember): Promise<string> {
  const code = member.codes.shift();
  if (!code) throw new Error(`${member.email} has no recovery code left: prepare them with more`);
  return signInOverHttp(baseUrl, "staff", { email: member.email, password: member.password }, { kind: "recovery", code });
}

/** Disables the members again and removes their unused codes (a benchmark account must not stay usable). */
export async function retireBenchStaff(db: pg.Client | pg.Pool, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(`UPDATE "StaffUser" SET disabled = true WHERE id = ANY($1::int[])`, [ids]);
  await db.query(`DELETE FROM "StaffRecoveryCode" WHERE "staffUserId" = ANY($1::int[])`, [ids]);
}
