// Issues a staff member's setup link and queues the mail that carries it, in the caller's
// transaction: the console's two ways of sending one (a new account, a staff reset).
import type { Tx } from "@/lib/db";
import type { StaffSetupReason } from "@/lib/generated/prisma/enums";
import { enqueueEmail } from "@/lib/mail/enqueue-email";
import { staffSetupLinkEmail } from "@/lib/mail/templates/staff-setup-link";
import { issueStaffSetupLink, type IssuedSetupLink } from "@/lib/staff-auth/issue-staff-setup-link";
import { SETUP_LINK_TTL_HOURS } from "@/lib/staff-auth/setup-link-token";

export async function mailStaffSetupLink(
  tx: Tx,
  user: { id: number; email: string; name: string },
  reason: Exclude<StaffSetupReason, "FIRST_ADMIN">,
): Promise<Pick<IssuedSetupLink, "expiresAt">> {
  const link = await issueStaffSetupLink(tx, user.id, reason);
  await enqueueEmail(tx, {
    to: user.email,
    locale: "en",
    template: staffSetupLinkEmail,
    params: { name: user.name, token: link.token, reason, validHours: SETUP_LINK_TTL_HOURS },
  });
  return { expiresAt: link.expiresAt };
}
