"use server";
// Registers the phone or alternate e-mail whose code the staff member typed back.
import { z } from "zod";
import { staffSetupAction } from "@/lib/actions/safe-action";
import { confirmSecurityInfoCode } from "@/lib/staff-auth/security-info/confirm-security-info-code";
import { securityInfoActorOf } from "@/lib/staff-auth/security-info/security-info-actor";
import { verificationCodeSchema } from "@/lib/staff-auth/security-info/security-info-schemas";

const schema = verificationCodeSchema.extend({ method: z.enum(["phone", "altEmail"]) });

export const confirmSecurityInfoCodeAction = staffSetupAction({ schema, step: "register-security-info" }, (input, ctx) =>
  confirmSecurityInfoCode(securityInfoActorOf(ctx), input.method, input.code),
);
