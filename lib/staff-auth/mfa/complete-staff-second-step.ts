// The second step of console sign-in: a live ticket plus an authenticator code, a recovery
// code or a passkey assertion. Only a right answer consumes the ticket (and the caller then
// creates the session). A ticket takes 5 wrong answers, then the passphrase is needed again;
// the per-account cool-off (second-factor-cool-off.ts) counts across tickets.
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { prisma } from "@/lib/db";
import { metrics } from "@/lib/ops/metrics";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { findLiveSignInTicket } from "@/lib/staff-auth/mfa/sign-in-ticket";
import { rememberBrowserDays } from "@/lib/staff-auth/mfa/staff-mfa-policy";
import { verifyStaffSecondFactor, type SecondFactorProof } from "@/lib/staff-auth/mfa/verify-second-factor";

export type SecondStepAnswer = { kind: "totp"; code: string } | { kind: "recovery"; code: string } | { kind: "passkey"; response: AuthenticationResponseJSON };

export type SecondStepResult =
  | { ok: true; staffUserId: number; passwordHash: string; rememberDays: number }
  | { ok: false; reason: "invalid" | "cooling_off" | "expired" };

export async function completeStaffSecondStep(ticketToken: string | null, answer: SecondStepAnswer, meta: { ip: string | null }): Promise<SecondStepResult> {
  const settings = await getDistrictSettings();
  const result = await prisma.$transaction(async (tx): Promise<SecondStepResult> => {
    const ticket = await findLiveSignInTicket(tx, ticketToken, { lock: true });
    if (!ticket) return { ok: false, reason: "expired" } as const;
    const staff = await tx.staffUser.findUnique({ where: { id: ticket.staffUserId } });
    if (!staff || staff.disabled || !staff.passwordHash) return { ok: false, reason: "expired" } as const;
    // A ticket made before the passphrase last changed belongs to the old one (belt and braces:
    // the change also deletes tickets, end-pending-sign-in-steps.ts).
    if (staff.passphraseChangedAt && ticket.createdAt < staff.passphraseChangedAt) return { ok: false, reason: "expired" } as const;
    const proof: SecondFactorProof = answer.kind === "passkey" ? { ...answer, expectedChallenge: ticket.passkeyChallenge ?? "" } : answer;
    const result = await verifyStaffSecondFactor(tx, staff.id, proof, { purpose: "sign-in", ip: meta.ip });
    if (!result.ok) {
      // A passkey challenge is single use: the page offers a new one.
      await tx.staffSignInTicket.update({ where: { id: ticket.id }, data: { attempts: { increment: 1 }, passkeyChallenge: null } });
      return { ok: false, reason: result.reason === "cooling_off" ? "cooling_off" : "invalid" } as const;
    }
    await tx.staffSignInTicket.update({ where: { id: ticket.id }, data: { consumedAt: new Date(), passkeyChallenge: null } });
    return { ok: true, staffUserId: staff.id, passwordHash: staff.passwordHash, rememberDays: rememberBrowserDays(staff.role, settings) } as const;
  });
  if (!result.ok) metrics.signInFailures.inc({ scope: "staff", kind: `second-step-${result.reason}` });
  return result;
}
