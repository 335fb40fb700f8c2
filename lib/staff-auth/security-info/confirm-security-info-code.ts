// Step two of adding a phone or an alternate e-mail: the code typed back proves the person
// holds that number or mailbox; only then is it stored (replacing the previous one) and
// announced through the other channels. Needs a recent passphrase.
import { prisma } from "@/lib/db";
import { ActionFailure } from "@/lib/actions/action-result";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { maskEmail } from "@/lib/accounts/mask-email";
import { maskPhone } from "@/lib/sms/phone-number";
import { auditActorOf } from "@/lib/staff/staff-actor";
import { lockStaffUserOrThrow } from "@/lib/staff/lock-staff-user-or-throw";
import { assertRecentReauthentication } from "@/lib/staff-auth/reauthentication";
import { markSecurityInfoRegisteredIfComplete } from "@/lib/staff-auth/security-info/mark-security-info-registered";
import { notifySecurityInfoChange } from "@/lib/staff-auth/security-info/notify-security-info-change";
import type { SecurityInfoActor } from "@/lib/staff-auth/security-info/security-info-actor";
import { REGISTER_ALT_EMAIL_PURPOSE, REGISTER_PHONE_PURPOSE } from "@/lib/staff-auth/security-info/send-security-info-code";
import { checkStaffVerificationCode } from "@/lib/staff-auth/verification-code";

export async function confirmSecurityInfoCode(actor: SecurityInfoActor, method: "phone" | "altEmail", code: string): Promise<{ registered: string }> {
  await assertRecentReauthentication(actor.sessionId);
  const outcome = await prisma.$transaction(async (tx) => {
    await lockStaffUserOrThrow(tx, actor.staffUserId);
    const checked = await checkStaffVerificationCode(tx, { staffUserId: actor.staffUserId, purpose: method === "phone" ? REGISTER_PHONE_PURPOSE : REGISTER_ALT_EMAIL_PURPOSE }, code);
    if (!checked.ok) {
      await recordAuditEvent(tx, { actor: auditActorOf(actor), action: "staff.security-info.code-failed", details: { method } });
      return null;
    }
    const now = new Date();
    const data = method === "phone" ? { phoneE164: checked.destination, phoneConfirmedAt: now } : { altEmail: checked.destination, altEmailConfirmedAt: now };
    await tx.staffSecurityInfo.upsert({ where: { staffUserId: actor.staffUserId }, create: { staffUserId: actor.staffUserId, ...data }, update: data });
    const registered = method === "phone" ? maskPhone(checked.destination) : maskEmail(checked.destination);
    await markSecurityInfoRegisteredIfComplete(tx, actor.staffUserId, now);
    await notifySecurityInfoChange(tx, actor.staffUserId, {
      method,
      what: method === "phone"
        ? `The mobile phone ${registered} was registered to get back into your staff console account.`
        : `The alternate e-mail ${registered} was registered to get back into your staff console account.`,
    });
    await recordAuditEvent(tx, { actor: auditActorOf(actor), action: method === "phone" ? "staff.security-info.phone-set" : "staff.security-info.alt-email-set", details: { to: registered } });
    return { registered };
  });
  // The wrong try's audit commits; the person reads a field error.
  if (!outcome) throw new ActionFailure("invalid", "Some fields need attention.", { code: ["That code is not right or has expired. Check it, or ask for a new one."] });
  return outcome;
}
