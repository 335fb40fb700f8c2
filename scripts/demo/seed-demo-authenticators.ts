// The demo's staff sign in with two-step sign-in like everyone else; their authenticator keys
// are printed with the demo passphrases so a visitor can add them to an authenticator app
// (or compute codes with any TOTP tool). Demo data only: a real deployment's staff bind their
// own authenticator after a mailbox code (lib/staff-auth/mfa/enrol-first-authenticator.ts).
import { prisma } from "@/lib/db";
import { sealTotpSecret } from "@/lib/staff-auth/mfa/totp-secret-box";

/** 20-byte Base32 keys, public on purpose. */
export const DEMO_AUTHENTICATOR_KEYS = {
  admin: "RIVERSIDEDEMOADMINKEY2345ABCDEFG",
  helpDesk: "RIVERSIDEDEMOHELPDESKKEY234567AB",
} as const;

/** Binds the demo key to a staff member who has no authenticator yet (a re-seed keeps theirs). */
export async function seedDemoAuthenticator(staffUserId: number, key: string): Promise<void> {
  const existing = await prisma.staffTotp.findUnique({ where: { staffUserId } });
  if (existing?.confirmedAt) return;
  const data = { secretEnc: sealTotpSecret(key, staffUserId), confirmedAt: new Date(), pendingSessionId: null, lastTimeStep: null };
  await prisma.staffTotp.upsert({ where: { staffUserId }, create: { staffUserId, ...data }, update: data });
}
