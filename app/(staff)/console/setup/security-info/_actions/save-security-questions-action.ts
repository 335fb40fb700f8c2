"use server";
// Sets the staff member's three security questions (answers stored only as argon2id hashes).
import { staffSetupAction } from "@/lib/actions/safe-action";
import { saveSecurityQuestions } from "@/lib/staff-auth/security-info/save-security-questions";
import { securityInfoActorOf } from "@/lib/staff-auth/security-info/security-info-actor";
import { securityQuestionsSchema } from "@/lib/staff-auth/security-info/security-info-schemas";

export const saveSecurityQuestionsAction = staffSetupAction({ schema: securityQuestionsSchema, step: "register-security-info" }, async (input, ctx) => {
  await saveSecurityQuestions(securityInfoActorOf(ctx), input);
  return { saved: true as const };
});
