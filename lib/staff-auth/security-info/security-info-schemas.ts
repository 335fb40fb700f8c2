// What the "Don't lose access to your account" forms may send. Console text is English.
import { z } from "zod";
import { STAFF_CODE_PATTERN } from "@/lib/staff-auth/verification-code";
import { SECURITY_QUESTION_KEYS, SECURITY_QUESTIONS_REQUIRED } from "@/lib/staff-auth/security-info/security-question-catalogue";
import {
  normalizeSecurityAnswer,
  securityAnswerLength,
  SECURITY_ANSWER_MAX_LENGTH,
  SECURITY_ANSWER_MIN_LENGTH,
} from "@/lib/staff-auth/security-info/normalize-security-answer";
import { toE164 } from "@/lib/sms/phone-number";

export const phoneNumberSchema = z.object({
  phone: z
    .string()
    .max(40, "Enter a mobile phone number.")
    .transform((typed, ctx) => {
      const e164 = toE164(typed);
      if (!e164) {
        ctx.addIssue({ code: "custom", message: "Enter a mobile number: 10 digits (e.g. 503 555 0123) or + and the country code." });
        return z.NEVER;
      }
      return e164;
    }),
});

export const alternateEmailSchema = z.object({
  email: z.string().trim().toLowerCase().max(254, "Use at most 254 characters.").pipe(z.email("Enter a valid e-mail address.")),
});

export const verificationCodeSchema = z.object({
  code: z.string().trim().regex(STAFF_CODE_PATTERN, "Enter the 6-digit code."),
});

const answerSchema = z
  .string()
  .max(200, `Use at most ${SECURITY_ANSWER_MAX_LENGTH} characters.`)
  .refine((answer) => securityAnswerLength(answer) >= SECURITY_ANSWER_MIN_LENGTH, `Use at least ${SECURITY_ANSWER_MIN_LENGTH} characters.`)
  .refine((answer) => securityAnswerLength(answer) <= SECURITY_ANSWER_MAX_LENGTH, `Use at most ${SECURITY_ANSWER_MAX_LENGTH} characters.`);

export const securityQuestionsSchema = z
  .object({
    questions: z
      .array(z.object({ key: z.enum(SECURITY_QUESTION_KEYS, "Choose a question from the list."), answer: answerSchema }))
      .length(SECURITY_QUESTIONS_REQUIRED, `Answer ${SECURITY_QUESTIONS_REQUIRED} questions.`),
  })
  .superRefine(({ questions }, ctx) => {
    const keys = new Set<string>();
    const answers = new Set<string>();
    questions.forEach((question, index) => {
      if (keys.has(question.key)) ctx.addIssue({ code: "custom", path: ["questions", index, "key"], message: "Choose three different questions." });
      keys.add(question.key);
      const normalized = normalizeSecurityAnswer(question.answer);
      if (answers.has(normalized)) ctx.addIssue({ code: "custom", path: ["questions", index, "answer"], message: "Give a different answer to each question." });
      answers.add(normalized);
    });
  });

export type SecurityQuestionsInput = z.infer<typeof securityQuestionsSchema>;

export const securityMethodSchema = z.object({ method: z.enum(["phone", "altEmail", "questions"]) });
export type SecurityMethod = z.infer<typeof securityMethodSchema>["method"];
