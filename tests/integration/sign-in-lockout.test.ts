// Sign-in lockout denial of service (issue 7, item 3) and the per-account cap across addresses
// (item 2), for staff and parents on a real database: an attacker at one address cannot keep
// the owner out from another, a lock that ends starts from zero, and however many addresses
// the attacker uses the account takes at most its cap, after which only a browser holding the
// account's device cookie may still try.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { hashSecret } from "@/lib/security/password-hash";
import { authenticateStaff } from "@/lib/auth/staff-sign-in";
import { authenticateParent } from "@/lib/accounts/parent-sign-in";
import { deviceToken } from "@/lib/auth/device-cookie";
import { PARENT_THROTTLE, PER_SOURCE_FAILURES, STAFF_THROTTLE } from "@/lib/auth/sign-in-throttle";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-sign-in-lockout";
const PASSWORD = "a long passphrase nobody guesses";
let seq = 0;
let schoolId: number;
let passwordHash: string;

interface Subject {
  name: string;
  cap: number;
  create(): Promise<{ id: number; login: string }>;
  signIn(login: string, password: string, ip: string, device?: string | null): Promise<{ ok: boolean; reason?: string }>;
  row(id: number): Promise<{ failedAttempts: number; lockedUntil: Date | null; failureWindowStartedAt: Date | null }>;
  setRow(id: number, data: { failedAttempts?: number; lockedUntil?: Date | null; failureWindowStartedAt?: Date | null }): Promise<unknown>;
  device(id: number): string;
}

const staff: Subject = {
  name: "staff",
  cap: STAFF_THROTTLE.cap,
  async create() {
    const user = await prisma.staffUser.create({
      data: { email: `locked${++seq}@district.example.org`, name: `Agent ${seq}`, role: "SITE_ADMIN", passwordHash },
    });
    return { id: user.id, login: user.email };
  },
  signIn: (login, password, ip, device) => authenticateStaff(login, password, ip, { deviceToken: device }),
  row: (id) => prisma.staffUser.findUniqueOrThrow({ where: { id } }),
  setRow: (id, data) => prisma.staffUser.update({ where: { id }, data }),
  device: (id) => deviceToken("staff", id, passwordHash),
};

const parent: Subject = {
  name: "parent",
  cap: PARENT_THROTTLE.cap,
  async create() {
    const n = ++seq;
    const { account } = await createParentWithChild(prisma, schoolId, {
      firstName: "Ana",
      lastName: `Locked${n}`,
      account: { username: `ana.locked.${n}`, passwordHash },
    });
    return { id: account!.id, login: account!.username };
  },
  signIn: (login, password, ip, device) => authenticateParent(login, password, ip, { deviceToken: device }),
  row: (id) => prisma.parentAccount.findUniqueOrThrow({ where: { id } }),
  setRow: (id, data) => prisma.parentAccount.update({ where: { id }, data }),
  device: (id) => deviceToken("parent", id, passwordHash),
};

beforeAll(async () => {
  passwordHash = await hashSecret(PASSWORD);
  schoolId = (await createSchool(prisma)).id;
});
beforeEach(async () => {
  await prisma.rateLimitBucket.deleteMany();
});

/** `count` wrong passwords spread over addresses, at most the per-source limit from each. */
async function wrongFromManyAddresses(subject: Subject, login: string, count: number, net: string) {
  for (let i = 0; i < count; i++) {
    const address = `${net}.${Math.floor(i / PER_SOURCE_FAILURES.limit) + 1}`;
    expect(await subject.signIn(login, `wrong guess ${i}`, address)).toEqual({ ok: false, reason: "invalid" });
  }
}

describe.each([staff, parent])("$name sign-in", (subject) => {
  it("an attacker at one address cannot keep the owner out from another; the attacking address stays throttled", async () => {
    const { id, login } = await subject.create();
    for (let i = 0; i < 30; i++) await subject.signIn(login, `wrong guess ${i}`, "203.0.113.66");
    // The owner, elsewhere, with the right passphrase and no device cookie, gets in.
    expect(await subject.signIn(login, PASSWORD, "198.51.100.10")).toMatchObject({ ok: true });
    // The attacker's address is still throttled, even with the right passphrase.
    expect(await subject.signIn(login, PASSWORD, "203.0.113.66")).toEqual({ ok: false, reason: "rate_limited" });
    // Only the tries that were checked count against the account (the throttled ones were not).
    expect((await subject.row(id)).failedAttempts).toBe(PER_SOURCE_FAILURES.limit);
  });

  it("a lock that has ended starts again from zero: one wrong try does not lock again", async () => {
    const { id, login } = await subject.create();
    await subject.setRow(id, {
      failedAttempts: subject.cap,
      failureWindowStartedAt: new Date(Date.now() - 60 * 60_000),
      lockedUntil: new Date(Date.now() - 1_000),
    });
    expect(await subject.signIn(login, "one more wrong guess", "198.51.100.20")).toEqual({ ok: false, reason: "invalid" });
    expect(await subject.row(id)).toMatchObject({ failedAttempts: 1, lockedUntil: null });
    expect(await subject.signIn(login, PASSWORD, "198.51.100.21")).toMatchObject({ ok: true });
  });

  it("caps wrong passwords per account across many addresses; then only the account's device cookie may try", async () => {
    const { id, login } = await subject.create();
    const other = await subject.create();
    await wrongFromManyAddresses(subject, login, subject.cap, "192.0.2");
    const capped = await subject.row(id);
    expect(capped.failedAttempts).toBe(subject.cap);
    const windowEnd = capped.failureWindowStartedAt!.getTime() + 24 * 60 * 60_000;
    expect(capped.lockedUntil?.getTime()).toBe(windowEnd);

    // Fresh addresses, no device cookie: refused exactly like a wrong password, and not counted.
    expect(await subject.signIn(login, "yet another guess", "198.51.100.30")).toEqual({ ok: false, reason: "invalid" });
    expect(await subject.signIn(login, PASSWORD, "198.51.100.31")).toEqual({ ok: false, reason: "invalid" });
    // A forged cookie, or one for another account, does not help.
    expect(await subject.signIn(login, PASSWORD, "198.51.100.32", `${subject.device(id)}x`)).toEqual({ ok: false, reason: "invalid" });
    expect(await subject.signIn(login, PASSWORD, "198.51.100.33", subject.device(other.id))).toEqual({ ok: false, reason: "invalid" });
    expect((await subject.row(id)).failedAttempts).toBe(subject.cap);

    // The owner's browser, which signed in before, still gets in; the cap stays for everyone else.
    expect(await subject.signIn(login, PASSWORD, "198.51.100.34", subject.device(id))).toMatchObject({ ok: true });
    expect(await subject.signIn(login, PASSWORD, "198.51.100.35")).toEqual({ ok: false, reason: "invalid" });
    const audit = await prisma.auditEvent.count({ where: { action: `${subject.name}.sign-in.locked`, actorId: id } });
    expect(audit).toBe(1);
  }, 180_000);

  it("parallel guesses from many addresses cannot overshoot the cap", async () => {
    const { id, login } = await subject.create();
    await subject.setRow(id, { failedAttempts: subject.cap - 3, failureWindowStartedAt: new Date() });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => subject.signIn(login, `parallel guess ${i}`, `198.18.0.${i + 1}`)),
    );
    expect(results.every((result) => !result.ok)).toBe(true);
    expect(await subject.row(id)).toMatchObject({ failedAttempts: subject.cap });
    expect((await subject.row(id)).lockedUntil).not.toBeNull();
  }, 60_000);
});
