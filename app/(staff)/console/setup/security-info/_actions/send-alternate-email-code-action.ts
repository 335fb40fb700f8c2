"use server";
// Mails a 6-digit code to the alternate (non-district) address a staff member wants to register.
import { staffSetupAction } from "@/lib/actions/safe-action";
import { securityInfoActorOf } from "@/lib/staff-auth/security-info/security-info-actor";
import { alternateEmailSchema } from "@/lib/staff-auth/security-info/security-info-schemas";
import { sendSecurityInfoCode } from "@/lib/staff-auth/security-info/send-security-info-code";

export const sendAlternateEmailCodeAction = staffSetupAction({ schema: alternateEmailSchema, step: "register-security-info" }, (input, ctx) =>
  sendSecurityInfoCode(securityInfoActorOf(ctx), { method: "altEmail", email: input.email }),
);
