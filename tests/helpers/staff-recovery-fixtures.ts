// Staff members with security info and second factors, written straight to the database, and
// a solved ALTCHA payload, for the "Get back into your account" tests.
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { generate } from "otplib";
import { prisma } from "@/lib/db";
import { createAuthSession } from "@/lib/auth/auth-session-store";
import { hashSecret } from "@/lib/security/password-hash";
import { sealTotpSecret } from "@/lib/staff-auth/mfa/totp-secret-box";
import { replaceRecoveryCodes } from "@/lib/staff-auth/mfa/recovery-codes";
import { securityAnswerHashInput } from "@/lib/staff-auth/security-info/normalize-security-answer";
import { createSelfServiceChallenge } from "@/lib/staff-auth/recovery/self-service-captcha";

export const OLD_PASSPHRASE = "old lanterns over the harbour wall";
export const TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
export const QUESTION_ANSWERS: Record<string, string> = {
  "first-school-city": "Portland",
  "childhood-street": "Elm Street",
  "first-concert": "The Cure",
};

export interface StaffFixture {
  id: number;
  email: string;
  phone: string;
  altEmail: string;
  recoveryCodes: string[];
}

export async function createRecoverableStaff(options: {
  email: string;
  role?: "SITE_ADMIN" | "HELP_DESK";
  phone?: string | null;
  altEmail?: string | null;
  questions?: boolean;
  totp?: boolean;
  recoveryCodes?: boolean;
  disabled?: boolean;
}): Promise<StaffFixture> {
  const now = new Date();
  const phone = options.phone === undefined ? "+15035550111" : options.phone;
  const altEmail = options.altEmail === undefined ? `${options.email.split("@")[0]}@home.example.net` : options.altEmail;
  const user = await prisma.staffUser.create({
    data: {
      email: options.email,
      name: options.email.split("@")[0]!,
      role: options.role ?? "HELP_DESK",
      disabled: options.disabled ?? false,
      passwordHash: await hashSecret(OLD_PASSPHRASE),
      lastSignInAt: now,
    },
  });
  await prisma.staffSecurityInfo.create({
    data: {
      staffUserId: user.id,
      phoneE164: phone,
      phoneConfirmedAt: phone ? now : null,
      altEmail,
      altEmailConfirmedAt: altEmail ? now : null,
      questionsSetAt: options.questions ? now : null,
      confirmedAt: now,
    },
  });
  if (options.questions) {
    for (const [key, answer] of Object.entries(QUESTION_ANSWERS)) {
      await prisma.staffSecurityAnswer.create({ data: { staffUserId: user.id, questionKey: key, answerHash: await hashSecret(securityAnswerHashInput(key, answer)) } });
    }
  }
  if (options.totp) {
    await prisma.staffTotp.create({ data: { staffUserId: user.id, secretEnc: sealTotpSecret(TOTP_SECRET, user.id), confirmedAt: now } });
  }
  const recoveryCodes = options.recoveryCodes ? await prisma.$transaction((tx) => replaceRecoveryCodes(tx, user.id)) : [];
  return { id: user.id, email: user.email, phone: phone ?? "", altEmail: altEmail ?? "", recoveryCodes };
}

export const totpNow = () => generate({ secret: TOTP_SECRET });

export const openSession = (staffUserId: number) => createAuthSession({ staffUserId }, { ip: "192.0.2.50" });

/** A solved CAPTCHA payload as the widget posts it (base64 JSON {challenge, solution}). */
export async function solvedCaptcha(challenge?: Awaited<ReturnType<typeof createSelfServiceChallenge>>): Promise<string> {
  const made = challenge ?? (await createSelfServiceChallenge());
  const solution = await solveChallenge({ challenge: made, deriveKey });
  if (!solution) throw new Error("could not solve the test challenge");
  return Buffer.from(JSON.stringify({ challenge: made, solution })).toString("base64");
}

export async function lastSmsCode(to: string): Promise<string> {
  const row = await prisma.smsOutbox.findFirstOrThrow({ where: { toNumber: to, template: "staff-verification-code" }, orderBy: { id: "desc" } });
  return (row.params as { code: string }).code;
}

export async function lastMailCode(to: string): Promise<string> {
  const row = await prisma.emailOutbox.findFirstOrThrow({ where: { toAddress: to, template: "staff-verification-code" }, orderBy: { id: "desc" } });
  return (row.params as { code: string }).code;
}
