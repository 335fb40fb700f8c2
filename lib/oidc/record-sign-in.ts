// Each sign-in to an app (a code issued for it): the app's last sign-in of that person
// (OidcClientSignIn, the console's 30-day count) and an audit event, in one transaction.
import { prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { describeOidcSubject } from "@/lib/oidc/account";

export async function recordOidcSignIn(input: { clientId: string; accountId: string; ip: string }): Promise<void> {
  const who = await describeOidcSubject(input.accountId);
  if (!who) return;
  const now = new Date();
  await prisma.$transaction(async (tx) => {
    await tx.oidcClientSignIn.upsert({
      where: { clientId_accountId: { clientId: input.clientId, accountId: input.accountId } },
      create: { clientId: input.clientId, accountId: input.accountId, userType: who.userType, lastSignedInAt: now },
      update: { lastSignedInAt: now, userType: who.userType },
    });
    await recordAuditEvent(tx, {
      // Students have no actor type of their own: their sign-ins show on the parent who made the login.
      actor: { type: who.userType === "parent" ? "PARENT" : "ANONYMOUS", id: who.userType === "parent" ? who.actorId : null, label: who.label, ip: input.ip },
      action: "oidc.sign-in",
      contactIds: who.contactIds,
      details: { clientId: input.clientId, userType: who.userType },
    });
  });
}
