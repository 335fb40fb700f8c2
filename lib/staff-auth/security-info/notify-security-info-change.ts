// Every change to a person's security info is announced through the channels it did not
// touch (NIST SP 800-63B-4 section 4.1.2.1): always their district mailbox (the staff e-mail,
// which no security-info change can alter), the alternate e-mail unless that is what changed,
// and a text to the phone unless that is what changed. Queued in the change's transaction.
import type { Tx } from "@/lib/db";
import { enqueueEmail } from "@/lib/mail/enqueue-email";
import { staffSecurityNoticeEmail } from "@/lib/mail/templates/staff-security-notice";
import { enqueueSms } from "@/lib/sms/enqueue-sms";
import type { SecurityMethod } from "@/lib/staff-auth/security-info/security-info-schemas";

export async function notifySecurityInfoChange(
  tx: Tx,
  staffUserId: number,
  change: { method: SecurityMethod | "all"; what: string },
): Promise<void> {
  const user = await tx.staffUser.findUniqueOrThrow({ where: { id: staffUserId }, select: { email: true, name: true } });
  const info = await tx.staffSecurityInfo.findUnique({ where: { staffUserId } });
  await enqueueEmail(tx, { to: user.email, locale: "en", template: staffSecurityNoticeEmail, params: { name: user.name, what: change.what } });
  if (change.method !== "altEmail" && info?.altEmail && info.altEmailConfirmedAt) {
    await enqueueEmail(tx, { to: info.altEmail, locale: "en", template: staffSecurityNoticeEmail, params: { name: user.name, what: change.what } });
  }
  if (change.method !== "phone" && info?.phoneE164 && info.phoneConfirmedAt) {
    await enqueueSms(tx, { to: info.phoneE164, template: "staff-security-notice", params: { what: change.what } });
  }
}
