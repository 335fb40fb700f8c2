// Looks a setup link up by its token without using it: what the set-passphrase page shows
// and the first check before the slow passphrase hash. Every reason a link cannot be used
// (malformed, unknown, wrong verifier, used, expired, account disabled) looks the same.
import { prisma } from "@/lib/db";
import type { StaffSetupReason } from "@/lib/generated/prisma/enums";
import { parseSetupLinkToken, verifierMatches } from "@/lib/staff-auth/setup-link-token";

export const INVALID_SETUP_LINK_MESSAGE = "This link cannot be used: it was already used, it expired, or a newer link replaced it. Ask a site admin to send you a new one.";

export interface UsableSetupLink {
  id: number;
  staffUserId: number;
  email: string;
  name: string;
  reason: StaffSetupReason;
}

export async function findUsableSetupLink(token: string, now = new Date()): Promise<UsableSetupLink | null> {
  const parts = parseSetupLinkToken(token);
  if (!parts) return null;
  const link = await prisma.staffSetupLink.findUnique({
    where: { selector: parts.selector },
    include: { staffUser: { select: { email: true, name: true, disabled: true } } },
  });
  if (!link || !verifierMatches(parts.verifier, link.verifierHash)) return null;
  if (link.usedAt || link.expiresAt.getTime() <= now.getTime() || link.staffUser.disabled) return null;
  return { id: link.id, staffUserId: link.staffUserId, email: link.staffUser.email, name: link.staffUser.name, reason: link.reason };
}
