// What a staff member registered to get back into their account, as every other part reads
// it (recovery flow, admin views, change-passphrase codes): confirmed values with their
// masks, the question keys (never the answers), and when the person last confirmed it all.
// Security questions read as null while the district has them turned off.
import type { Tx } from "@/lib/db";
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
  const questionsEnabled = settings?.staffSecurityQuestionsEnabled ?? true;
  return {
    phone: info?.phoneE164 && info.phoneConfirmedAt ? { e164: info.phoneE164, masked: maskPhone(info.phoneE164) } : null,
    altEmail: info?.altEmail && info.altEmailConfirmedAt ? { address: info.altEmail, masked: maskEmail(info.altEmail) } : null,
    questions: questionsEnabled && info?.questionsSetAt && answers.length > 0 ? { questionKeys: answers.map((answer) => answer.questionKey) } : null,
    confirmedAt: info?.confirmedAt ?? null,
  };
}

/** How many of the three methods count (each confirmed; questions only while enabled). */
export function countSecurityMethods(view: StaffSecurityInfoView): number {
  return [view.phone, view.altEmail, view.questions].filter(Boolean).length;
}

/** Methods a staff member must keep registered. */
export const SECURITY_METHODS_REQUIRED = 2;
