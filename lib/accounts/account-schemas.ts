// Input schemas of the parent portal's account forms. No messages here: the Validation
// namespace localizes every issue (see lib/i18n/localize-zod-issue.ts), custom checks name
// their message key in params.
import { z } from "zod";

/** 4–32 of a–z, 0–9, ".", "_", "-" (ASCII only: no look-alike letters from other scripts). */
export const USERNAME_PATTERN = /^[A-Za-z0-9._-]{4,32}$/;
export const STUDENT_ID_PATTERN = /^[A-Za-z0-9-]{1,20}$/;
export const MAX_STUDENT_IDS = 10;

// abort: an empty field reports "required" only, not also the format rule.
export const usernameSchema = z
  .string()
  .trim()
  .min(1, { abort: true })
  .refine((value) => USERNAME_PATTERN.test(value), { params: { key: "usernameFormat" } });

export const studentIdSchema = z
  .string()
  .trim()
  .min(1, { abort: true })
  .refine((value) => STUDENT_ID_PATTERN.test(value), { params: { key: "studentIdFormat" } });

export const personNameSchema = z.string().trim().min(1).max(100);

/** Any password of sane size; the policy (lib/accounts/password-policy.ts) judges it after parsing. */
export const newPasswordSchema = z.string().min(1).max(1024);

export const registerParentSchema = z.object({
  username: usernameSchema,
  studentIds: z.array(studentIdSchema).min(1).max(MAX_STUDENT_IDS),
  firstName: personNameSchema,
  lastName: personNameSchema,
});
export type RegisterParentInput = z.infer<typeof registerParentSchema>;

export const resendTemporaryPasswordSchema = z.object({
  studentId: studentIdSchema,
  firstName: personNameSchema,
  lastName: personNameSchema,
});
export type ResendTemporaryPasswordInput = z.infer<typeof resendTemporaryPasswordSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().max(1024).optional(),
    newPassword: newPasswordSchema,
    confirmPassword: z.string().max(1024),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ["confirmPassword"],
    params: { key: "passwordsDoNotMatch" },
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const createStudentAccountSchema = z
  .object({
    studentId: z.number().int().positive(),
    username: usernameSchema,
    password: newPasswordSchema,
    confirmPassword: z.string().max(1024),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    params: { key: "passwordsDoNotMatch" },
  });
export type CreateStudentAccountInput = z.infer<typeof createStudentAccountSchema>;
