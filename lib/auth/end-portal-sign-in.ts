// Signing out of the portal (next-auth's sign-out event). A parent's sign-out also ends their
// sign-ins at the district's apps: provider sessions, grants and tokens are revoked and
// back-channel logouts queued (lib/oidc/revoke-oidc-access.ts), so on a family's shared device
// the next person finds no app still signed in as the parent. Staff sessions only end.
import { prisma } from "@/lib/db";
import { revokeOidcAccess } from "@/lib/oidc/revoke-oidc-access";

export async function endPortalSignIn(sessionId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const [ended] = await tx.$queryRaw<{ subject: string | null }[]>`
      DELETE FROM "AuthSession" s WHERE s.id = ${sessionId}
      RETURNING (SELECT "oidcSubject"::text FROM "ParentAccount" WHERE id = s."parentAccountId") AS subject`;
    if (ended?.subject) await revokeOidcAccess(tx, [ended.subject]);
  });
}
