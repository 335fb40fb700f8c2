// Creates a staff member's one open setup link inside the caller's transaction; any older
// link of theirs that was not used stops working, so only the newest link counts.
import type { Tx } from "@/lib/db";
import type { StaffSetupReason } from "@/lib/generated/prisma/enums";
import { newSetupLinkSecret, SETUP_LINK_TTL_HOURS } from "@/lib/staff-auth/setup-link-token";

export interface IssuedSetupLink {
  /** The only copy of the secret: put it in the mail or print it, never in a log or audit event. */
  token: string;
  expiresAt: Date;
}

export async function issueStaffSetupLink(tx: Tx, staffUserId: number, reason: StaffSetupReason, now = new Date()): Promise<IssuedSetupLink> {
  await tx.staffSetupLink.deleteMany({ where: { staffUserId, usedAt: null } });
  const secret = newSetupLinkSecret();
  const expiresAt = new Date(now.getTime() + SETUP_LINK_TTL_HOURS * 60 * 60 * 1000);
  await tx.staffSetupLink.create({
    data: { staffUserId, selector: secret.selector, verifierHash: secret.verifierHash, reason, createdAt: now, expiresAt },
  });
  return { token: secret.token, expiresAt };
}
