// Issue 9, item 4 on a real database: changing one's own passphrase while signed in needs the
// current passphrase AND a verification code (authenticator app, or a code sent to the
// registered phone or alternate e-mail); other sessions end; a notice goes to the district and
// alternate addresses.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { ActionFailure } from "@/lib/actions/action-result";
import { loadSessionPrincipal } from "@/lib/auth/auth-session-store";
import { verifySecret } from "@/lib/security/password-hash";
import { changeOwnStaffPassphrase } from "@/lib/staff/change-own-staff-passphrase";
import { sendPassphraseChangeCode } from "@/lib/staff/passphrase-change-code";
import { issueSignInTicket } from "@/lib/staff-auth/mfa/sign-in-ticket";
import { completeStaffSecondStep } from "@/lib/staff-auth/mfa/complete-staff-second-step";
import { changeOwnPassphraseSchema } from "@/lib/staff/staff-user-schemas";
import type { StaffActor } from "@/lib/staff/staff-actor";
import { createRecoverableStaff, lastSmsCode, OLD_PASSPHRASE, openSession, totpNow, type StaffFixture } from "../helpers/staff-recovery-fixtures";

const NEW = "lanterns drifting over the harbor";
let staff: StaffFixture;
let actor: StaffActor;

const input = (verificationMethod: "totp" | "sms" | "email", verificationCode: string) =>
  changeOwnPassphraseSchema.parse({ currentPassphrase: OLD_PASSPHRASE, newPassphrase: NEW, confirmPassphrase: NEW, verificationMethod, verificationCode });

async function failureOf(promise: Promise<unknown>): Promise<ActionFailure> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ActionFailure);
  return error as ActionFailure;
}

const hashNow = async () => (await prisma.staffUser.findUniqueOrThrow({ where: { id: staff.id } })).passwordHash;

beforeEach(async () => {
  await prisma.rateLimitBucket.deleteMany();
  await prisma.emailOutbox.deleteMany();
  await prisma.smsOutbox.deleteMany();
  await prisma.staffUser.deleteMany();
  staff = await createRecoverableStaff({ email: "val.ro@district.example.org", totp: true });
  actor = { staffUserId: staff.id, email: staff.email, role: "HELP_DESK", ip: "192.0.2.9" };
});

describe("change passphrase with a verification code", () => {
  it("the current passphrase alone is not enough: a wrong or missing code changes nothing", async () => {
    const session = await openSession(staff.id);
    const wrong = await failureOf(changeOwnStaffPassphrase(actor, session, input("sms", "000000")));
    expect(wrong.fieldErrors?.verificationCode).toEqual(["That code is wrong or has expired. Ask for a new one."]);
    expect(await verifySecret(await hashNow(), OLD_PASSPHRASE)).toBe(true);
    expect(changeOwnPassphraseSchema.safeParse({ currentPassphrase: OLD_PASSPHRASE, newPassphrase: NEW, confirmPassphrase: NEW }).success).toBe(false);
  });

  it("a code texted to the registered phone: other sessions end, notice to the district and alternate addresses", async () => {
    const current = await openSession(staff.id);
    const other = await openSession(staff.id);
    expect(await sendPassphraseChangeCode(actor, "sms")).toEqual({ sentTo: "+1 ••• ••• ••11" });
    const code = await lastSmsCode(staff.phone);
    // An e-mail-channel claim with the texted code does not pass.
    expect((await failureOf(changeOwnStaffPassphrase(actor, current, input("email", code)))).fieldErrors?.verificationCode).toBeDefined();
    await prisma.staffVerificationCode.updateMany({ data: { createdAt: new Date(Date.now() - 61_000) } });
    await sendPassphraseChangeCode(actor, "sms");
    expect(await changeOwnStaffPassphrase(actor, current, input("sms", await lastSmsCode(staff.phone)))).toMatchObject({ sessionsEnded: 1 });
    expect(await verifySecret(await hashNow(), NEW)).toBe(true);
    expect(await loadSessionPrincipal(other)).toBeNull();
    expect(await loadSessionPrincipal(current)).not.toBeNull();
    const notices = await prisma.emailOutbox.findMany({ where: { template: "staff-security-notice" } });
    expect(notices.map((mail) => mail.toAddress).sort()).toEqual([staff.altEmail, staff.email].sort());
    expect((await prisma.staffUser.findUniqueOrThrow({ where: { id: staff.id } })).passphraseChangedAt).not.toBeNull();
  });

  it("a second-step ticket and a passkey challenge made with the old passphrase end with the change", async () => {
    const current = await openSession(staff.id);
    const ticket = await prisma.$transaction((tx) => issueSignInTicket(tx, staff.id));
    await prisma.staffPasskeyChallenge.create({ data: { staffUserId: staff.id, challenge: "old-challenge", expiresAt: new Date(Date.now() + 300_000) } });
    await sendPassphraseChangeCode(actor, "sms");
    await changeOwnStaffPassphrase(actor, current, input("sms", await lastSmsCode(staff.phone)));
    expect(await prisma.staffSignInTicket.count({ where: { staffUserId: staff.id } })).toBe(0);
    expect(await prisma.staffPasskeyChallenge.count({ where: { staffUserId: staff.id } })).toBe(0);
    expect(await completeStaffSecondStep(ticket, { kind: "totp", code: await totpNow() }, { ip: null })).toEqual({ ok: false, reason: "expired" });
  });

  it("an authenticator code works once: the same code is refused within its time step", async () => {
    const session = await openSession(staff.id);
    const code = await totpNow();
    await changeOwnStaffPassphrase(actor, session, input("totp", code));
    const again = changeOwnPassphraseSchema.parse({ currentPassphrase: NEW, newPassphrase: "another harbour sentence here", confirmPassphrase: "another harbour sentence here", verificationMethod: "totp", verificationCode: code });
    expect((await failureOf(changeOwnStaffPassphrase(actor, session, again))).fieldErrors?.verificationCode).toBeDefined();
    expect(await verifySecret(await hashNow(), NEW)).toBe(true);
  });

  it("no code goes to a method that is not registered, and sends are limited", async () => {
    const bare = await createRecoverableStaff({ email: "wes.su@district.example.org", phone: null });
    const bareActor: StaffActor = { staffUserId: bare.id, email: bare.email, role: "HELP_DESK", ip: "192.0.2.9" };
    expect((await failureOf(sendPassphraseChangeCode(bareActor, "sms"))).code).toBe("invalid");
    await sendPassphraseChangeCode(actor, "email");
    expect((await failureOf(sendPassphraseChangeCode(actor, "email"))).code).toBe("rate_limited"); // 60 s between sends
  });
});
