// What the second-step page offers for a live ticket: the authenticator code (always, with
// recovery codes as the fallback), a passkey when the person has one (with a fresh challenge
// kept on the ticket, single use), and "don't ask again" when the person may use it.
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { prisma } from "@/lib/db";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { findLiveSignInTicket } from "@/lib/staff-auth/mfa/sign-in-ticket";
import { loadStaffMfaStatus } from "@/lib/staff-auth/mfa/staff-mfa-status";
import { passkeySignInOptions } from "@/lib/staff-auth/mfa/staff-passkeys";
import { rememberBrowserDays } from "@/lib/staff-auth/mfa/staff-mfa-policy";

export interface SecondStepPageView {
  totp: boolean;
  passkeyOptions: PublicKeyCredentialRequestOptionsJSON | null;
  rememberDays: number;
}

export async function prepareSecondStepPage(ticketToken: string | null): Promise<SecondStepPageView | null> {
  const settings = await getDistrictSettings();
  return prisma.$transaction(async (tx) => {
    const ticket = await findLiveSignInTicket(tx, ticketToken, { lock: true });
    if (!ticket) return null;
    const staff = await tx.staffUser.findUniqueOrThrow({ where: { id: ticket.staffUserId }, select: { role: true } });
    const status = await loadStaffMfaStatus(tx, ticket.staffUserId);
    const passkeyOptions = status.passkeys > 0 ? await passkeySignInOptions(tx, ticket.staffUserId) : null;
    await tx.staffSignInTicket.update({ where: { id: ticket.id }, data: { passkeyChallenge: passkeyOptions?.challenge ?? null } });
    return { totp: status.totp, passkeyOptions, rememberDays: rememberBrowserDays(staff.role, settings) };
  });
}
