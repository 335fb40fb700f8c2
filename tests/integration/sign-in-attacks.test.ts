// Attacks found by an attacker's review of the issue 7 work, each of which worked before its
// fix: one patient address reaching the per-account cap (and so locking the owner out),
// device cookies that outlived a password change or reset, many cookies multiplying guesses
// past the cap, a malformed device cookie breaking sign-in, an IPv6 attacker rotating
// addresses inside one /64, and two parallel sign-ins with one temporary password.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { hashSecret } from "@/lib/security/password-hash";
import { authenticateStaff } from "@/lib/auth/staff-sign-in";
import { authenticateParent } from "@/lib/accounts/parent-sign-in";
import { changeParentPassword } from "@/lib/accounts/change-parent-password";
import { deviceCookieFromHeader } from "@/lib/auth/device-cookie";
import { FAILURE_WINDOW_HOURS, PARENT_THROTTLE, PER_ACCOUNT_DEVICE_FAILURES, PER_SOURCE_FAILURES, STAFF_THROTTLE } from "@/lib/auth/sign-in-throttle";
import { issueStaffSetupLink } from "@/lib/staff-auth/issue-staff-setup-link";
import { completeStaffPassphraseSetup } from "@/lib/staff-auth/complete-staff-passphrase-setup";
import { throttleSource } from "@/lib/security/throttle-source";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-sign-in-attacks";
const PASSWORD = "a long passphrase nobody guesses";
const NEW_PASSWORD = "another long passphrase, chosen after the leak";
const ATTACKER = "203.0.113.66";
let seq = 0;
let schoolId: number;
let passwordHash: string;

beforeAll(async () => {
  passwordHash = await hashSecret(PASSWORD);
  schoolId = (await createSchool(prisma)).id;
});
beforeEach(async () => {
  await prisma.rateLimitBucket.deleteMany();
});

/** What 15 minutes of waiting does to the short per-source windows (daily windows untouched). */
async function letShortWindowsPass() {
  await prisma.$executeRaw`
    UPDATE "RateLimitBucket" SET "windowStart" = "windowStart" - make_interval(secs => ${PER_SOURCE_FAILURES.windowSeconds + 60})
    WHERE "expiresAt" - "windowStart" <= make_interval(secs => ${PER_SOURCE_FAILURES.windowSeconds})`;
}

async function staffUser() {
  const user = await prisma.staffUser.create({
    data: { email: `attacked${++seq}@district.example.org`, name: `Admin ${seq}`, role: "SITE_ADMIN", passwordHash },
  });
  return { id: user.id, login: user.email };
}

async function parentAccount() {
  const n = ++seq;
  const { account } = await createParentWithChild(prisma, schoolId, {
    firstName: "Ana",
    lastName: `Attacked${n}`,
    account: { username: `ana.attacked.${n}`, passwordHash },
  });
  return { id: account!.id, login: account!.username };
}

const capAccount = { failedAttempts: 0, failureWindowStartedAt: new Date(), lockedUntil: new Date(Date.now() + FAILURE_WINDOW_HOURS * 3_600_000) };

describe("one patient attacking address cannot reach the account cap", () => {
  it.each([
    { name: "staff (the last site admin)", cap: STAFF_THROTTLE.cap, create: staffUser, signIn: authenticateStaff, table: "staffUser" as const },
    { name: "parent", cap: PARENT_THROTTLE.cap, create: parentAccount, signIn: authenticateParent, table: "parentAccount" as const },
  ])("$name: a whole day of 15-minute windows from one address, then the owner from another", async ({ cap, create, signIn, table }) => {
    const { id, login } = await create();
    const rounds = Math.ceil(cap / PER_SOURCE_FAILURES.limit) + 2;
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < PER_SOURCE_FAILURES.limit; i++) {
        expect(await signIn(login, `wrong guess ${round}-${i}`, ATTACKER)).toMatchObject({ ok: false });
      }
      await letShortWindowsPass();
    }
    const row = table === "staffUser" ? await prisma.staffUser.findUniqueOrThrow({ where: { id } }) : await prisma.parentAccount.findUniqueOrThrow({ where: { id } });
    expect(row.failedAttempts).toBeLessThan(cap);
    expect(row.lockedUntil).toBeNull();
    expect(await signIn(login, "still wrong", ATTACKER)).toEqual({ ok: false, reason: "rate_limited" });
    expect(await signIn(login, PASSWORD, "198.51.100.77")).toMatchObject({ ok: true });
  }, 240_000);

  it("an IPv6 attacker rotating addresses inside one /64 counts as one source", async () => {
    expect(throttleSource("2001:db8:1:2:aaaa::1")).toBe(throttleSource("2001:db8:1:2:ffff:1:2:3"));
    expect(throttleSource("2001:db8:1:2::1")).not.toBe(throttleSource("2001:db8:1:3::1"));
    expect(throttleSource("::ffff:192.0.2.7")).toBe("192.0.2.7");
    const { login } = await parentAccount();
    for (let i = 0; i < PER_SOURCE_FAILURES.limit; i++) await authenticateParent(login, `guess ${i}`, `2001:db8:1:2::${(i + 1).toString(16)}`);
    expect(await authenticateParent(login, "guess again", "2001:db8:1:2:dead:beef::1")).toEqual({ ok: false, reason: "rate_limited" });
    expect(await authenticateParent(login, PASSWORD, "2001:db8:9:9::1")).toMatchObject({ ok: true });
  }, 120_000);
});

describe("device cookies end with the password they were minted under", () => {
  it("parent: cookies from before a password change are not the owner's any more", async () => {
    const { id, login } = await parentAccount();
    // Someone who knew the password signs in three times and keeps the three cookies.
    const stale: string[] = [];
    for (let i = 0; i < 3; i++) {
      const result = await authenticateParent(login, PASSWORD, `192.0.2.${i + 1}`);
      if (!result.ok) throw new Error("sign-in failed");
      stale.push(result.deviceToken);
    }
    expect(await changeParentPassword({ parentAccountId: id, sessionId: "owner-session", currentPassword: PASSWORD, newPassword: NEW_PASSWORD, ip: "198.51.100.5" })).toMatchObject({ ok: true });
    await prisma.parentAccount.update({ where: { id }, data: { ...capAccount, failedAttempts: PARENT_THROTTLE.cap } });
    for (const [n, cookie] of stale.entries()) {
      for (let i = 0; i < 3; i++) await authenticateParent(login, `guess ${i}`, `198.18.${n}.${i + 1}`, { deviceToken: cookie });
    }
    expect((await prisma.parentAccount.findUniqueOrThrow({ where: { id } })).failedAttempts).toBe(PARENT_THROTTLE.cap);
    expect(await authenticateParent(login, NEW_PASSWORD, "198.18.9.9", { deviceToken: stale[0] })).toMatchObject({ ok: false });
  }, 120_000);

  it("staff: a cookie from before an admin's staff reset is not the owner's any more", async () => {
    const { id, login } = await staffUser();
    const before = await authenticateStaff(login, PASSWORD, "192.0.2.50");
    if (!before.ok) throw new Error("sign-in failed");
    const link = await prisma.$transaction((tx) => issueStaffSetupLink(tx, id, "RESET"));
    await completeStaffPassphraseSetup({ token: link.token, passphrase: NEW_PASSWORD, confirmation: NEW_PASSWORD }, { ip: null });
    await prisma.staffUser.update({ where: { id }, data: { ...capAccount, failedAttempts: STAFF_THROTTLE.cap } });
    for (let i = 0; i < 3; i++) await authenticateStaff(login, `guess ${i}`, `198.18.20.${i + 1}`, { deviceToken: before.deviceToken });
    expect((await prisma.staffUser.findUniqueOrThrow({ where: { id } })).failedAttempts).toBe(STAFF_THROTTLE.cap);
    expect(await authenticateStaff(login, NEW_PASSWORD, "198.18.21.1", { deviceToken: before.deviceToken })).toMatchObject({ ok: false });
  }, 120_000);

  it("many valid cookies of one account share one budget past the cap, and the owner's still opens", async () => {
    const { id, login } = await parentAccount();
    const cookies: string[] = [];
    for (let i = 0; i < 5; i++) {
      const result = await authenticateParent(login, PASSWORD, `192.0.2.${i + 10}`);
      if (!result.ok) throw new Error("sign-in failed");
      cookies.push(result.deviceToken);
    }
    await prisma.parentAccount.update({ where: { id }, data: { ...capAccount, failedAttempts: PARENT_THROTTLE.cap } });
    let wrongCounted = 0;
    for (const [n, cookie] of cookies.slice(1).entries()) {
      for (let i = 0; i < 10; i++) {
        await authenticateParent(login, `guess ${n}-${i}`, `198.18.${n + 30}.${i + 1}`, { deviceToken: cookie });
      }
    }
    wrongCounted = (await prisma.parentAccount.findUniqueOrThrow({ where: { id } })).failedAttempts - PARENT_THROTTLE.cap;
    expect(wrongCounted).toBe(PER_ACCOUNT_DEVICE_FAILURES.limit);
  }, 180_000);
});

describe("odd inputs", () => {
  it("a malformed device cookie reads as no cookie instead of breaking sign-in", () => {
    expect(deviceCookieFromHeader("parent", "portal_device=%E0%A4%A; other=1")).toBeNull();
    expect(deviceCookieFromHeader("staff", "console_device=%")).toBeNull();
    expect(deviceCookieFromHeader("staff", "x=1; console_device=abc")).toBe("abc");
  });

  it("two parallel sign-ins with one temporary password open one session, not two", async () => {
    const temporary = "Temp-Pass-4821";
    const n = ++seq;
    const { account } = await createParentWithChild(prisma, schoolId, {
      firstName: "Lan",
      lastName: `Temp${n}`,
      account: {
        username: `lan.temp.${n}`,
        status: "PENDING_PASSWORD_CHANGE",
        passwordHash: await hashSecret(temporary),
      },
    });
    await prisma.parentAccount.update({ where: { id: account!.id }, data: { tempPasswordExpiresAt: new Date(Date.now() + 3_600_000) } });
    const results = await Promise.all([1, 2, 3].map((i) => authenticateParent(account!.username, temporary, `192.0.2.${60 + i}`)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  }, 60_000);
});
