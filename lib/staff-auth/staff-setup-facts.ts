// What decides a staff member's setup step (lib/staff-auth/staff-setup-step.ts), read in one
// statement: their second factors, their security info and the district settings both depend
// on. The session lookup embeds the same statement (lib/auth/auth-session-store.ts), so a staff
// request learns its setup step in the round trip that finds its session, on every request.
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { StaffMfaSettings } from "@/lib/staff-auth/mfa/staff-mfa-policy";
import type { StaffMfaStatus } from "@/lib/staff-auth/mfa/staff-mfa-status";
import type { SecurityInfoRecord } from "@/lib/staff-auth/security-info/load-staff-security-info";

export interface StaffSetupFacts
  extends Pick<StaffMfaStatus, "totp" | "passkeys">,
    Pick<StaffMfaSettings, "mfaRequiredForHelpDesk">,
    SecurityInfoRecord {
  /** Keys of the security questions answered, in the order they were saved. */
  questionKeys: string[];
  reregistrationRequiredAt: Date | null;
  securityQuestionsEnabled: boolean;
  securityInfoReconfirmDays: number;
}

/**
 * The one row of StaffSetupFacts for the staff user `staffUserId` evaluates to: a parameter, or
 * a column of the enclosing query when joined LATERAL. Security-info columns are null without a
 * row; settings not saved yet read as the schema's defaults (as loadStaffSecurityInfo reads them).
 */
export function staffSetupFactsSql(staffUserId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT EXISTS (SELECT 1 FROM "StaffTotp" t WHERE t."staffUserId" = ${staffUserId} AND t."confirmedAt" IS NOT NULL) AS totp,
           (SELECT count(*)::int FROM "StaffPasskey" p WHERE p."staffUserId" = ${staffUserId}) AS passkeys,
           ARRAY(SELECT a."questionKey" FROM "StaffSecurityAnswer" a WHERE a."staffUserId" = ${staffUserId} ORDER BY a.id) AS "questionKeys",
           si."phoneE164", si."phoneConfirmedAt", si."altEmail", si."altEmailConfirmedAt", si."questionsSetAt", si."confirmedAt",
           si."reregistrationRequiredAt",
           COALESCE(ds."mfaRequiredForHelpDesk", true) AS "mfaRequiredForHelpDesk",
           COALESCE(ds."staffSecurityQuestionsEnabled", true) AS "securityQuestionsEnabled",
           COALESCE(ds."staffSecurityInfoReconfirmDays", 180) AS "securityInfoReconfirmDays"
    FROM (SELECT 1) AS one
    LEFT JOIN "StaffSecurityInfo" si ON si."staffUserId" = ${staffUserId}
    LEFT JOIN "DistrictSettings" ds ON ds.id = 1`;
}

export async function loadStaffSetupFacts(staffUserId: number): Promise<StaffSetupFacts> {
  const [facts] = await prisma.$queryRaw<StaffSetupFacts[]>(staffSetupFactsSql(Prisma.sql`${staffUserId}::int`));
  if (!facts) throw new Error("the setup facts query returned no row");
  return facts;
}
