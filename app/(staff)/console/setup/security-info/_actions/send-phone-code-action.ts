"use server";
// Texts a 6-digit code to the mobile number a staff member wants to register.
import { staffSetupAction } from "@/lib/actions/safe-action";
import { securityInfoActorOf } from "@/lib/staff-auth/security-info/security-info-actor";
import { phoneNumberSchema } from "@/lib/staff-auth/security-info/security-info-schemas";
import { sendSecurityInfoCode } from "@/lib/staff-auth/security-info/send-security-info-code";

export const sendPhoneCodeAction = staffSetupAction({ schema: phoneNumberSchema, step: "register-security-info" }, (input, ctx) =>
  sendSecurityInfoCode(securityInfoActorOf(ctx), { method: "phone", phone: input.phone }),
);
