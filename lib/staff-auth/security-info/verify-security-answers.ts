// Checks typed answers to a person's security questions: true only when the person has
// questions registered (and the district allows them), exactly the registered questions were
// answered, and every answer matches. Always does three argon2id verifications, whatever the
// outcome or whether anything is registered, so the time taken tells nothing. Never says
// which answer was wrong.
import { verifyAgainstDummy, verifySecret } from "@/lib/security/password-hash";
import type { SecurityInfoDb } from "@/lib/staff-auth/security-info/load-staff-security-info";
import { securityAnswerHashInput } from "@/lib/staff-auth/security-info/normalize-security-answer";
import { SECURITY_QUESTIONS_REQUIRED } from "@/lib/staff-auth/security-info/security-question-catalogue";

export async function verifySecurityAnswers(db: SecurityInfoDb, staffUserId: number, answers: Record<string, string>): Promise<boolean> {
  const [stored, settings] = await Promise.all([
    db.staffSecurityAnswer.findMany({ where: { staffUserId }, select: { questionKey: true, answerHash: true } }),
    db.districtSettings.findUnique({ where: { id: 1 }, select: { staffSecurityQuestionsEnabled: true } }),
  ]);
  const enabled = settings?.staffSecurityQuestionsEnabled ?? true;
  const typedKeys = Object.keys(answers);
  const usable =
    enabled &&
    stored.length === SECURITY_QUESTIONS_REQUIRED &&
    typedKeys.length === stored.length &&
    stored.every((row) => typeof answers[row.questionKey] === "string");
  const checks: Promise<boolean>[] = [];
  for (let index = 0; index < SECURITY_QUESTIONS_REQUIRED; index++) {
    const row = stored[index];
    const typed = row ? answers[row.questionKey] : undefined;
    // Sequential cost is the same either way: three verifications.
    checks.push(usable && row && typeof typed === "string" ? verifySecret(row.answerHash, securityAnswerHashInput(row.questionKey, typed)) : verifyAgainstDummy(String(typed ?? "")));
  }
  const results = await Promise.all(checks);
  return usable && results.every(Boolean);
}
