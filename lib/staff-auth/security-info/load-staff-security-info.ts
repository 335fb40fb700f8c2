// What a staff member registered to get back into their account, as every other part reads
// it (recovery flow, admin views, change-passphrase codes): confirmed values with their
// masks, the question keys (never the answers), and when the person last confirmed it all.
// Security questions read as null while the district has them turned off.
import type { Tx } from "@/lib/db";
import type { StaffSecurityInfo } from "@/lib/generated/prisma/client";
import { maskEmail } from "@/lib/accounts/mask-email";
import { maskPhone } from "@/lib/sms/phone-number";

export type SecurityInfoDb = Pick<Tx, "staffSecurityInfo" | "staffSecurityAnswer" | "districtSettings">;

export interface StaffSecurityInfoView {
  phone: { e164: string; masked: string } | null;
  altEmail: { address: string; masked: string } | null;
  questions: { questionKeys: string[] } | null;
  confirmedAt: Date | null;
}

export async function loadStaffSecurityInfo(db: SecurityInfoDb, staffUserId: number): Promise<StaffSecurityInfoView> {
  const [info, answers, settings] = await Promise.all([
    db.staffSecurityInfo.findUnique({ where: { staffUserId } }),
    db.staffSecurityAnswer.findMany({ where: { staffUserId }, select: { questionKey: true }, orderBy: { id: "asc" } }),
    db.districtSettings.findUnique({ where: { id: 1 }, select: { staffSecurityQuestionsEnabled: true } }),
  ]);
  return securityInfoView(
    info,
    answers.map((answer) => answer.questionKey),
    settings?.staffSecurityQuestionsEnabled ?? true,
  );
}

/** The columns of a StaffSecurityInfo row the view is made of. */
export type SecurityInfoRecord = Pick<
  StaffSecurityInfo,
  "phoneE164" | "phoneConfirmedAt" | "altEmail" | "altEmailConfirmedAt" | "questionsSetAt" | "confirmedAt"
>;

/**
 * The view of rows already loaded (the session lookup loads them with the session: lib/staff-auth/
 * staff-setup-facts.ts), so every reader counts methods the same way.
 */
export function securityInfoView(info: SecurityInfoRecord | null, questionKeys: string[], questionsEnabled: boolean): StaffSecurityInfoView {
  return {
    phone: info?.phoneE164 && info.phoneConfirmedAt ? { e164: info.phoneE164, masked: maskPhone(info.phoneE164) } : null,
    altEmail: info?.altEmail && info.altEmailConfirmedAt ? { address: info.altEmail, masked: maskEmail(info.altEmail) } : null,
    questions: questionsEnabled && info?.questionsSetAt && questionKeys.length > 0 ? { questionKeys } : null,
    confirmedAt: info?.confirmedAt ?? null,
  };
}

/** How many of the three methods count (each confirmed; questions only while enabled). */
export function countSecurityMethods(view: StaffSecurityInfoView): number {
  return [view.phone, view.altEmail, view.questions].filter(Boolean).length;
}

/** Methods a staff member must keep registered. */
export const SECURITY_METHODS_REQUIRED = 2;
