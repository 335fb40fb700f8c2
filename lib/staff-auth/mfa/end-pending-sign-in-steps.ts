// What a passphrase reset, change or setup must end besides sessions and codes: the half-done
// sign-ins started with the old passphrase (second-step tickets, live 5 minutes), passkey
// challenges, and authenticator set-ups not yet confirmed. Otherwise whoever knew the old
// passphrase could finish a sign-in or bind their own app after the owner changed it.
import type { Tx } from "@/lib/db";

export async function endPendingSignInSteps(tx: Tx, staffUserId: number, options: { keepSessionId?: string | null } = {}): Promise<void> {
  await tx.staffSignInTicket.deleteMany({ where: { staffUserId } });
  await tx.staffPasskeyChallenge.deleteMany({ where: { staffUserId } });
  // The session that changed its own passphrase keeps its own set-up in progress.
  const keep = options.keepSessionId ? { NOT: { pendingSessionId: options.keepSessionId } } : {};
  await tx.staffTotp.deleteMany({ where: { staffUserId, confirmedAt: null, ...keep } });
}
