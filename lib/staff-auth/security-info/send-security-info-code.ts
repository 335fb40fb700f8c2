// Step one of adding a phone or an alternate e-mail: a 6-digit code to the new number or
// address (lib/staff-auth/verification-code.ts), which only counts once typed back. Needs a
// recent passphrase. An alternate address in a district staff domain is refused: it would
// fall with the staff account it is meant to rescue. At most 5 codes per channel per person
// per hour (SMS costs money and a phone number is someone's), besides the 60 s resend wait.
import { prisma } from "@/lib/db";
import { ActionFailure } from "@/lib/actions/action-result";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { maskEmail } from "@/lib/accounts/mask-email";
import { enqueueEmail } from "@/lib/mail/enqueue-email";
import { staffVerificationCodeEmail } from "@/lib/mail/templates/staff-verification-code";
import { hitRateLimit } from "@/lib/security/rate-limit";
import { getDistrictSettings, isStaffEmail } from "@/lib/settings/district-settings";
import { enqueueSms } from "@/lib/sms/enqueue-sms";
import { maskPhone } from "@/lib/sms/phone-number";
import { auditActorOf } from "@/lib/staff/staff-actor";
import { assertRecentReauthentication } from "@/lib/staff-auth/reauthentication";
import type { SecurityInfoActor } from "@/lib/staff-auth/security-info/security-info-actor";
import { issueStaffVerificationCode, STAFF_CODE_TTL_MINUTES } from "@/lib/staff-auth/verification-code";

export const REGISTER_PHONE_PURPOSE = "register-phone";
export const REGISTER_ALT_EMAIL_PURPOSE = "register-alt-email";
export const STAFF_DOMAIN_REFUSAL =
  "Use a personal address outside the district: a district address is lost together with the account it should help you recover. If you have no other address, the help desk can reset your passphrase instead.";

export type SecurityInfoCodeRequest = { method: "phone"; phone: string } | { method: "altEmail"; email: string };

export async function sendSecurityInfoCode(actor: SecurityInfoActor, request: SecurityInfoCodeRequest): Promise<{ sentTo: string }> {
  await assertRecentReauthentication(actor.sessionId);
  const settings = await getDistrictSettings();
  if (request.method === "altEmail" && isStaffEmail(request.email, settings.staffEmailDomains)) {
    await recordAuditEvent(prisma, { actor: auditActorOf(actor), action: "staff.security-info.alt-email-refused", details: { reason: "staff_domain" } });
    throw new ActionFailure("invalid", "Some fields need attention.", { email: [STAFF_DOMAIN_REFUSAL] });
  }
  const limit = await hitRateLimit({ key: `staff-security-info-code:${request.method}:${actor.staffUserId}`, limit: 5, windowSeconds: 60 * 60 });
  if (!limit.allowed) {
    throw new ActionFailure("rate_limited", `You asked for too many codes. Try again in ${Math.ceil(limit.retryAfterSeconds / 60)} minutes.`);
  }
  const destination = request.method === "phone" ? request.phone : request.email;
  const sentTo = request.method === "phone" ? maskPhone(request.phone) : maskEmail(request.email);
  return prisma.$transaction(async (tx) => {
    const issued = await issueStaffVerificationCode(tx, {
      staffUserId: actor.staffUserId,
      purpose: request.method === "phone" ? REGISTER_PHONE_PURPOSE : REGISTER_ALT_EMAIL_PURPOSE,
      channel: request.method === "phone" ? "SMS" : "EMAIL",
      destination,
    });
    if (!issued.ok) throw new ActionFailure("rate_limited", `Wait ${issued.retryAfterSeconds} seconds before asking for a new code.`);
    if (request.method === "phone") {
      await enqueueSms(tx, { to: request.phone, template: "staff-verification-code", params: { code: issued.code, validMinutes: STAFF_CODE_TTL_MINUTES } });
    } else {
      await enqueueEmail(tx, {
        to: request.email,
        locale: "en",
        template: staffVerificationCodeEmail,
        params: { code: issued.code, validMinutes: STAFF_CODE_TTL_MINUTES, purpose: "confirm this address as the alternate e-mail of your staff console account" },
      });
    }
    await recordAuditEvent(tx, { actor: auditActorOf(actor), action: "staff.security-info.code-sent", details: { method: request.method, to: sentTo } });
    return { sentTo };
  });
}
