// "Keep my current password and unlock" (Forgot Password step 3): after a valid security
// code, a parent whose sign-in is throttled or locked unlocks it without a new password.
// The code is the proof: spent by the unlock, never reusable, and no code means no unlock.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { hashSecret } from "@/lib/security/password-hash";
import { authenticateParent } from "@/lib/accounts/parent-sign-in";
import { PARENT_THROTTLE, PER_SOURCE_FAILURES } from "@/lib/auth/sign-in-throttle";
import { requestPasswordResetCode } from "@/lib/accounts/recovery/request-reset-code";
import { verifyPasswordResetCode, type ResetGrant } from "@/lib/accounts/recovery/verify-reset-code";
import { completePasswordReset } from "@/lib/accounts/recovery/complete-password-reset";
import { isParentSignInBlocked } from "@/lib/accounts/recovery/parent-sign-in-block";
import { unlockParentSignIn } from "@/lib/accounts/recovery/unlock-parent-sign-in";
import { resetParentLogins } from "@/lib/parents/reset-parent-logins";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";
import { queuedSecurityCode } from "../helpers/recovery-helpers";
import { renderQueuedEmail } from "../helpers/render-queued-email";

const HOME = "198.51.100.60"; // where the parent mistyped, then asked for a code
const ELSEWHERE = "203.0.113.61";
const GUESSER = "203.0.113.77";
const PASSWORD = "Old password 1";
const fast = { minimumMs: 0 };
let schoolId: number;
let seq = 0;

async function parent() {
  const n = ++seq;
  const username = `Omar.${n}`;
  const { account, contact, link } = await createParentWithChild(prisma, schoolId, {
    firstName: "Omar",
    lastName: `Al-Amin${n}`,
    email: `omar.${n}@example.com`,
    preferredLocale: "en",
    account: { username, passwordHash: await hashSecret(PASSWORD) },
  });
  return { account: account!, contact, link, username, email: contact.email! };
}

/** Ten wrong passwords from one address: that address is throttled for the name. */
async function throttleFrom(username: string, ip: string) {
  for (let i = 0; i < PER_SOURCE_FAILURES.limit; i++) await authenticateParent(username, `wrong ${i}`, ip);
  expect(await authenticateParent(username, PASSWORD, ip)).toEqual({ ok: false, reason: "rate_limited" });
}

/** The account-wide cap reached (as after wrong passwords from five addresses): locked for untrusted browsers. */
async function lockAccount(accountId: number) {
  const now = new Date();
  await prisma.parentAccount.update({
    where: { id: accountId },
    data: { failedAttempts: PARENT_THROTTLE.cap, failureWindowStartedAt: now, lockedUntil: new Date(now.getTime() + 24 * 3_600_000) },
  });
}

async function grantFor(username: string, email: string, ip = HOME): Promise<ResetGrant> {
  await requestPasswordResetCode({ username, ip }, fast);
  const outcome = await verifyPasswordResetCode({ usernameKey: username.toLowerCase(), code: await queuedSecurityCode(email), ip }, fast);
  if (outcome.status !== "verified") throw new Error(`expected verified, got ${outcome.status}`);
  return outcome.grant;
}

beforeAll(async () => {
  schoolId = (await createSchool(prisma)).id;
});
beforeEach(async () => {
  await prisma.rateLimitBucket.deleteMany();
});

describe("unlock with a security code, keeping the password", () => {
  it("a throttled and locked parent unlocks: counts cleared, old password works, mail queued in the page's language, audited", async () => {
    const { account, contact, username, email } = await parent();
    await throttleFrom(username, HOME);
    await lockAccount(account.id);
    expect(await authenticateParent(username, PASSWORD, ELSEWHERE)).toEqual({ ok: false, reason: "invalid" });

    const grant = await grantFor(username, email);
    expect(await isParentSignInBlocked(account.id)).toBe(true);
    expect(await unlockParentSignIn({ grant, ip: HOME, locale: "ar" })).toEqual({ status: "unlocked" });
    expect(await isParentSignInBlocked(account.id)).toBe(false);

    const after = await prisma.parentAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(after).toMatchObject({ failedAttempts: 0, lockedUntil: null, failureWindowStartedAt: null, passwordHash: account.passwordHash, status: "ACTIVE" });
    expect(await prisma.passwordResetCode.findUniqueOrThrow({ where: { id: grant.codeId } })).toMatchObject({ usedAt: expect.any(Date) });
    const mailRow = await prisma.emailOutbox.findFirstOrThrow({ where: { template: "account-unlocked", toAddress: email } });
    expect(mailRow.locale).toBe("ar");
    expect((await renderQueuedEmail(mailRow)).text).toContain(`Signing in to your Parent Portal account (username: ${username}) was unlocked`);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "parent.sign-in.unlock", contactIds: { has: contact.id } } });
    // The unlocking address's two counters (15 minutes, day); elsewhere keeps its one failure.
    expect(event.details).toMatchObject({ failedAttempts: PARENT_THROTTLE.cap, addressThrottlesCleared: 2, emailQueued: true });

    // From the address that was throttled and from anywhere else, with the same password.
    expect(await authenticateParent(username, PASSWORD, HOME)).toMatchObject({ ok: true, parentAccountId: account.id });
    expect(await authenticateParent(username, PASSWORD, ELSEWHERE)).toMatchObject({ ok: true, parentAccountId: account.id });
  });

  it("an address that was guessing stays throttled: the password stays, so it gets no fresh allowance", async () => {
    const { account, username, email } = await parent();
    await throttleFrom(username, GUESSER);
    await throttleFrom(username, HOME);
    await lockAccount(account.id);

    expect(await unlockParentSignIn({ grant: await grantFor(username, email), ip: HOME })).toEqual({ status: "unlocked" });

    expect(await authenticateParent(username, PASSWORD, HOME)).toMatchObject({ ok: true, parentAccountId: account.id });
    expect(await authenticateParent(username, "another guess", GUESSER)).toEqual({ ok: false, reason: "rate_limited" });
  });

  it("the code is the proof: a spent, superseded or wrong code unlocks nothing", async () => {
    const { account, username, email } = await parent();
    await lockAccount(account.id);
    const grant = await grantFor(username, email);
    // A newer code request supersedes the code the grant was earned with.
    await requestPasswordResetCode({ username, ip: ELSEWHERE }, fast);
    expect(await unlockParentSignIn({ grant, ip: HOME })).toEqual({ status: "expired" });
    // A wrong code earns no grant at all.
    expect(await verifyPasswordResetCode({ usernameKey: username.toLowerCase(), code: "000000", ip: ELSEWHERE }, fast)).toEqual({ status: "invalid" });

    const second = await grantFor(username, email);
    expect(await unlockParentSignIn({ grant: second, ip: HOME })).toEqual({ status: "unlocked" });
    await lockAccount(account.id);
    // Replaying the grant: the code was spent with the first unlock.
    expect(await unlockParentSignIn({ grant: second, ip: HOME })).toEqual({ status: "expired" });
    expect(await prisma.parentAccount.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({ failedAttempts: PARENT_THROTTLE.cap });
    expect(await prisma.auditEvent.count({ where: { action: "parent.sign-in.unlock", contactIds: { has: account.contactId } } })).toBe(1);
  });

  it("a staff reset that lands after the code wins; a parent who is not blocked is not offered the choice", async () => {
    const { account, link, username, email } = await parent();
    expect(await isParentSignInBlocked(account.id)).toBe(false);
    await lockAccount(account.id);
    const grant = await grantFor(username, email);
    const staff = await prisma.staffUser.create({ data: { email: `agent${seq}@district.example.org`, name: "Agent", role: "HELP_DESK", passwordHash: "x" } });
    await resetParentLogins({ linkIds: [link.id], actor: { staffUserId: staff.id, label: staff.email, ip: "10.0.0.5" }, includeOtherRowsOfSameParents: true });
    expect(await isParentSignInBlocked(account.id)).toBe(false);
    expect(await unlockParentSignIn({ grant, ip: HOME })).toEqual({ status: "account-reset" });
    expect(await prisma.emailOutbox.count({ where: { template: "account-unlocked", toAddress: email } })).toBe(0);
  });

  it("choosing a new password instead also lifts the throttle of the address where the old one was mistyped", async () => {
    const { username, email } = await parent();
    await throttleFrom(username, HOME);
    const grant = await grantFor(username, email);
    expect(await completePasswordReset({ grant, newPassword: "a brand new passphrase", ip: HOME })).toEqual({ status: "done" });
    expect(await authenticateParent(username, "a brand new passphrase", HOME)).toMatchObject({ ok: true });
  });
});
