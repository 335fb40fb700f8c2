// Managing one's own second factors on a real database: every change needs a fresh second
// factor (a wrong one changes nothing and counts towards the cool-off), recovery codes are
// replaced as a set, passkeys are registered and then used for the sign-in second step (checked
// by @simplewebauthn/server against a software authenticator), with the challenge single use.
import { beforeEach, describe, expect, it } from "vitest";
import { generate } from "otplib";
import { prisma } from "@/lib/db";
import { hashSecret } from "@/lib/security/password-hash";
import { defaultDistrictSettings } from "@/lib/settings/district-settings";
import { ActionFailure } from "@/lib/actions/action-result";
import { confirmAuthenticator, pendingAuthenticator, unlockAuthenticatorEnrolment, type SelfActor } from "@/lib/staff-auth/mfa/enrol-first-authenticator";
import { issueStaffVerificationCode } from "@/lib/staff-auth/verification-code";
import {
  beginOwnPasskeyRegistration,
  finishOwnPasskeyRegistration,
  regenerateOwnRecoveryCodes,
  removeOwnPasskey,
} from "@/lib/staff-auth/mfa/manage-own-second-factors";
import { verifyStaffSecondFactor } from "@/lib/staff-auth/mfa/verify-second-factor";
import { staffSignInNextStep } from "@/lib/staff-auth/mfa/staff-sign-in-second-step";
import { prepareSecondStepPage } from "@/lib/staff-auth/mfa/prepare-second-step-page";
import { completeStaffSecondStep } from "@/lib/staff-auth/mfa/complete-staff-second-step";
import { loadStaffMfaStatus } from "@/lib/staff-auth/mfa/staff-mfa-status";
import { previousStepCode } from "../helpers/previous-step-code";
import { SoftAuthenticator } from "../helpers/soft-authenticator";

const ORIGIN = "http://localhost:3000"; // PORTAL_URL of the integration project
let seq = 0;

async function enrolled() {
  const n = ++seq;
  const user = await prisma.staffUser.create({ data: { email: `acct${n}@riverside.example.org`, name: `Acct ${n}`, role: "SITE_ADMIN", passwordHash: await hashSecret("a long staff passphrase here") } });
  const self: SelfActor = { staffUserId: user.id, email: user.email, ip: "198.51.100.20", sessionId: `s-${user.id}` };
  const issued = await prisma.$transaction((tx) => issueStaffVerificationCode(tx, { staffUserId: user.id, purpose: "enrol-authenticator", channel: "EMAIL", destination: user.email }));
  if (!issued.ok) throw new Error("no code");
  await unlockAuthenticatorEnrolment(self, issued.code);
  const { secret } = (await pendingAuthenticator(self))!;
  const bound = await confirmAuthenticator(self, await previousStepCode(secret));
  if (!bound.ok) throw new Error("not bound");
  return { user, self: { ...self, name: user.name }, secret, recoveryCodes: bound.recoveryCodes };
}

const totpNow = (secret: string, offsetSeconds = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

beforeEach(async () => {
  await prisma.districtSettings.upsert({ where: { id: 1 }, create: { id: 1, ...defaultDistrictSettings() }, update: {} });
});

describe("own second factors", () => {
  it("makes new recovery codes only after a fresh second factor; the old set stops working", async () => {
    const { user, self, secret, recoveryCodes } = await enrolled();
    await expect(regenerateOwnRecoveryCodes(self, { kind: "totp", code: "000000" })).rejects.toBeInstanceOf(ActionFailure);
    expect((await prisma.staffUser.findUniqueOrThrow({ where: { id: user.id } })).mfaFailedAttempts).toBe(1); // counted, though the change was refused
    const fresh = await regenerateOwnRecoveryCodes(self, { kind: "totp", code: await totpNow(secret) });
    expect(fresh).toHaveLength(10);
    const check = (code: string) => prisma.$transaction((tx) => verifyStaffSecondFactor(tx, user.id, { kind: "recovery", code }));
    expect(await check(recoveryCodes[0]!)).toEqual({ ok: false });
    expect(await check(fresh[0]!)).toEqual({ ok: true, kind: "recovery" });
    expect(await prisma.auditEvent.count({ where: { action: "staff.mfa.recovery-codes.regenerate", actorId: user.id } })).toBe(1);
    expect(await prisma.emailOutbox.count({ where: { toAddress: user.email, template: "staff-mfa-notice" } })).toBe(3); // app added, codes regenerated, code used
  });

  it("registers a passkey after a fresh second factor, then signs in with it; a challenge works once", async () => {
    const { user, self, secret } = await enrolled();
    const key = new SoftAuthenticator(ORIGIN);
    await expect(beginOwnPasskeyRegistration(self, { kind: "totp", code: "111111" })).rejects.toBeInstanceOf(ActionFailure);
    expect(await prisma.staffPasskeyChallenge.count({ where: { staffUserId: user.id } })).toBe(0);
    const options = await beginOwnPasskeyRegistration(self, { kind: "totp", code: await totpNow(secret) });
    expect(options.rp.id).toBe("localhost");
    await finishOwnPasskeyRegistration(self, key.register(options), "Test key");
    expect(await loadStaffMfaStatus(prisma, user.id)).toMatchObject({ passkeys: 1 });
    expect(await prisma.auditEvent.count({ where: { action: "staff.mfa.passkey.add", actorId: user.id } })).toBe(1);
    // The registration challenge is gone: the same answer cannot add a second credential.
    await expect(finishOwnPasskeyRegistration(self, key.register(options), "Again")).rejects.toBeInstanceOf(ActionFailure);

    const next = await staffSignInNextStep(user.id, null, null);
    const ticket = next.kind === "second-step" ? next.ticket : null;
    const view = await prepareSecondStepPage(ticket);
    expect(view?.passkeyOptions?.allowCredentials?.map((credential) => credential.id)).toEqual([Buffer.from(key.credentialId).toString("base64url")]);
    const challenge = view!.passkeyOptions!.challenge;
    // Signed for another challenge: refused.
    expect(await completeStaffSecondStep(ticket, { kind: "passkey", response: key.authenticate("b3RoZXI") }, { ip: null })).toEqual({ ok: false, reason: "invalid" });
    // The offered challenge was voided by that attempt; the page offers a new one.
    expect(await completeStaffSecondStep(ticket, { kind: "passkey", response: key.authenticate(challenge) }, { ip: null })).toEqual({ ok: false, reason: "invalid" });
    const again = await prepareSecondStepPage(ticket);
    expect(await completeStaffSecondStep(ticket, { kind: "passkey", response: key.authenticate(again!.passkeyOptions!.challenge) }, { ip: null })).toMatchObject({ ok: true, staffUserId: user.id });
    expect((await prisma.staffPasskey.findFirstOrThrow({ where: { staffUserId: user.id } })).counter).toBe(3n);
  });

  it("removes a passkey only after a fresh second factor, and only the person's own", async () => {
    const { user, self, secret } = await enrolled();
    const other = await enrolled();
    const key = new SoftAuthenticator(ORIGIN);
    await finishOwnPasskeyRegistration(self, key.register(await beginOwnPasskeyRegistration(self, { kind: "totp", code: await totpNow(secret) })), "Mine");
    const passkey = await prisma.staffPasskey.findFirstOrThrow({ where: { staffUserId: user.id } });
    await expect(removeOwnPasskey(self, passkey.id, { kind: "totp", code: "000000" })).rejects.toBeInstanceOf(ActionFailure);
    await removeOwnPasskey(other.self, passkey.id, { kind: "totp", code: await totpNow(other.secret) });
    expect(await prisma.staffPasskey.count({ where: { id: passkey.id } })).toBe(1);
    await removeOwnPasskey(self, passkey.id, { kind: "totp", code: await totpNow(secret, 30) });
    expect(await prisma.staffPasskey.count({ where: { id: passkey.id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: "staff.mfa.passkey.remove", actorId: user.id } })).toBe(1);
  });
});
