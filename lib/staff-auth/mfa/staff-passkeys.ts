// Passkeys and security keys (WebAuthn) for the console, with @simplewebauthn/server. The
// relying party is the portal's public URL (PORTAL_URL / NEXTAUTH_URL), never the Host header:
// its hostname is the rpID, its origin the only origin accepted. As a second step after the
// passphrase, user verification is not demanded (a security key without PIN is fine), and
// options and checks agree on that (the library's defaults disagree).
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import type { Tx } from "@/lib/db";
import { publicBaseUrl } from "@/lib/config/public-url";

export const PASSKEY_CHALLENGE_MINUTES = 5;
export const MAX_PASSKEYS = 10;

export function relyingParty(): { rpID: string; origin: string } {
  const origin = publicBaseUrl();
  return { rpID: new URL(origin).hostname, origin };
}

/** Options for the sign-in second step, limited to this person's credentials. */
export async function passkeySignInOptions(tx: Tx, staffUserId: number): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const passkeys = await tx.staffPasskey.findMany({ where: { staffUserId }, select: { credentialId: true, transports: true } });
  if (passkeys.length === 0) return null;
  return generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    userVerification: "discouraged",
    allowCredentials: passkeys.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports as AuthenticatorTransport[] })),
  });
}

type AuthenticatorTransport = "ble" | "cable" | "hybrid" | "internal" | "nfc" | "smart-card" | "usb";

/** Checks an assertion against the person's own credential and stores its new counter. */
export async function verifyPasskeyAssertion(tx: Tx, staffUserId: number, response: AuthenticationResponseJSON, expectedChallenge: string, now = new Date()): Promise<boolean> {
  if (typeof response?.id !== "string" || !expectedChallenge) return false;
  const rows = await tx.$queryRaw<{ id: number }[]>`
    SELECT id FROM "StaffPasskey" WHERE "credentialId" = ${response.id} AND "staffUserId" = ${staffUserId} FOR UPDATE`;
  if (rows.length === 0) return false;
  const passkey = await tx.staffPasskey.findUniqueOrThrow({ where: { id: rows[0]!.id } });
  const { rpID, origin } = relyingParty();
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: false,
      credential: { id: passkey.credentialId, publicKey: new Uint8Array(passkey.publicKey), counter: Number(passkey.counter), transports: passkey.transports },
    });
    if (!result.verified) return false;
    await tx.staffPasskey.update({ where: { id: passkey.id }, data: { counter: BigInt(result.authenticationInfo.newCounter), lastUsedAt: now } });
    return true;
  } catch {
    return false; // malformed or forged response, wrong origin, replayed challenge
  }
}

/** Starts adding a passkey: the options for the browser; the challenge is kept server-side. */
export async function startPasskeyRegistration(tx: Tx, staff: { id: number; email: string; name: string }, now = new Date()): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await tx.staffPasskey.findMany({ where: { staffUserId: staff.id }, select: { credentialId: true, transports: true } });
  const options = await generateRegistrationOptions({
    rpName: "Staff console",
    rpID: relyingParty().rpID,
    userName: staff.email,
    userDisplayName: staff.name,
    userID: new TextEncoder().encode(`staff:${staff.id}`),
    attestationType: "none",
    excludeCredentials: existing.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "discouraged" },
  });
  const expiresAt = new Date(now.getTime() + PASSKEY_CHALLENGE_MINUTES * 60_000);
  await tx.staffPasskeyChallenge.upsert({
    where: { staffUserId: staff.id },
    create: { staffUserId: staff.id, challenge: options.challenge, expiresAt },
    update: { challenge: options.challenge, expiresAt },
  });
  return options;
}

/** Finishes adding a passkey: the pending challenge is used up whatever the outcome. */
export async function finishPasskeyRegistration(tx: Tx, staffUserId: number, response: RegistrationResponseJSON, name: string, now = new Date()): Promise<boolean> {
  const pending = await tx.staffPasskeyChallenge.findUnique({ where: { staffUserId } });
  await tx.staffPasskeyChallenge.deleteMany({ where: { staffUserId } });
  if (!pending || pending.expiresAt.getTime() <= now.getTime()) return false;
  if ((await tx.staffPasskey.count({ where: { staffUserId } })) >= MAX_PASSKEYS) return false;
  const { rpID, origin } = relyingParty();
  try {
    const result = await verifyRegistrationResponse({ response, expectedChallenge: pending.challenge, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: false });
    if (!result.verified) return false;
    const { credential } = result.registrationInfo;
    if (await tx.staffPasskey.findUnique({ where: { credentialId: credential.id } })) return false;
    await tx.staffPasskey.create({
      data: { staffUserId, credentialId: credential.id, publicKey: Buffer.from(credential.publicKey), counter: BigInt(credential.counter), transports: credential.transports ?? [], name },
    });
    return true;
  } catch {
    return false;
  }
}
