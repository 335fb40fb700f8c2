// Sets (or replaces) a person's three security questions. Each answer is normalized, bound to
// its question and argon2id-hashed with its own salt; the answers are never stored, logged or
// shown. Needs a recent passphrase; refused while the district has questions turned off.
import { prisma } from "@/lib/db";
import { ActionFailure } from "@/lib/actions/action-result";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashSecret } from "@/lib/security/password-hash";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { auditActorOf } from "@/lib/staff/staff-actor";
import { lockStaffUserOrThrow } from "@/lib/staff/lock-staff-user-or-throw";
import { assertRecentReauthentication } from "@/lib/staff-auth/reauthentication";
import { markSecurityInfoRegisteredIfComplete } from "@/lib/staff-auth/security-info/mark-security-info-registered";
import { securityAnswerHashInput } from "@/lib/staff-auth/security-info/normalize-security-answer";
import { notifySecurityInfoChange } from "@/lib/staff-auth/security-info/notify-security-info-change";
import type { SecurityInfoActor } from "@/lib/staff-auth/security-info/security-info-actor";
import type { SecurityQuestionsInput } from "@/lib/staff-auth/security-info/security-info-schemas";

export async function saveSecurityQuestions(actor: SecurityInfoActor, input: SecurityQuestionsInput): Promise<void> {
  await assertRecentReauthentication(actor.sessionId);
  const settings = await getDistrictSettings();
  if (!settings.staffSecurityQuestionsEnabled) throw new ActionFailure("forbidden", "The district does not use security questions.");
  // Hashed before the transaction: argon2id takes a while and must not hold the row lock.
  const hashed = await Promise.all(
    input.questions.map(async ({ key, answer }) => ({ questionKey: key, answerHash: await hashSecret(securityAnswerHashInput(key, answer)) })),
  );
  await prisma.$transaction(async (tx) => {
    await lockStaffUserOrThrow(tx, actor.staffUserId);
    const now = new Date();
    await tx.staffSecurityAnswer.deleteMany({ where: { staffUserId: actor.staffUserId } });
    await tx.staffSecurityAnswer.createMany({ data: hashed.map((row) => ({ ...row, staffUserId: actor.staffUserId })) });
    await tx.staffSecurityInfo.upsert({
      where: { staffUserId: actor.staffUserId },
      create: { staffUserId: actor.staffUserId, questionsSetAt: now },
      update: { questionsSetAt: now },
    });
    await markSecurityInfoRegisteredIfComplete(tx, actor.staffUserId, now);
    await notifySecurityInfoChange(tx, actor.staffUserId, { method: "questions", what: "Your security questions and answers for the staff console were set." });
    await recordAuditEvent(tx, { actor: auditActorOf(actor), action: "staff.security-info.questions-set", details: { questions: hashed.map((row) => row.questionKey) } });
  });
}
