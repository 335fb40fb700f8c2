// A staff reset that lands while a parent's new password is being hashed must win: the
// password change (signed in, or Forgot Password step 3) or the resent temporary password is
// refused, never reactivating the login. The interleaving is made deterministic with row locks, not sleeps: the reset is held
// inside its transaction (after it reset the login, before it commits) by a lock on one of
// the rows it still has to write; the parent's request is started and the test waits until
// PostgreSQL reports it waiting on a lock too; then the reset is let go.
import { setTimeout as sleep } from "node:timers/promises";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { hashSecret } from "@/lib/security/password-hash";
import { createAuthSession, loadSessionPrincipal } from "@/lib/auth/auth-session-store";
import { authenticateParent } from "@/lib/accounts/parent-sign-in";
import { changeParentPassword } from "@/lib/accounts/change-parent-password";
import { requestPasswordResetCode } from "@/lib/accounts/recovery/request-reset-code";
import { verifyPasswordResetCode } from "@/lib/accounts/recovery/verify-reset-code";
import { completePasswordReset } from "@/lib/accounts/recovery/complete-password-reset";
import { resendTemporaryPassword } from "@/lib/accounts/resend-temporary-password";
import { resetParentLogins } from "@/lib/parents/reset-parent-logins";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";
import { queuedSecurityCode } from "../helpers/recovery-helpers";

const IP = "198.51.100.40";
const OLD_PASSWORD = "first password 1";
const NEW_PASSWORD = "lighthouse on a hill";
let schoolId: number;
let staffUserId: number;
let seq = 0;

async function parent(status: "ACTIVE" | "PENDING_PASSWORD_CHANGE" = "ACTIVE") {
  const n = ++seq;
  const username = `race.parent${n}`;
  const created = await createParentWithChild(prisma, schoolId, {
    firstName: "Ngọc",
    lastName: `Lê${n}`,
    account: { username, status, passwordHash: await hashSecret(OLD_PASSWORD) },
  });
  const identity = { studentId: created.student.studentNumber, firstName: "Ngọc", lastName: `Lê${n}` };
  return { ...created, account: created.account!, username, identity };
}

/** Holds a row lock on a link's reset record (which a reset writes once it holds the login's row lock) until released. */
async function holdLinkRow(linkId: number) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holder = prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM "StudentContactLoginKey" WHERE id = ${linkId} FOR UPDATE`;
      locked();
      await released;
    },
    { timeout: 120_000 },
  );
  await isLocked;
  return async () => {
    release();
    await holder;
  };
}

/** Waits until `count` backends of this test's database wait on a lock. */
async function waitForLockWaiters(count: number) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [row] = await prisma.$queryRaw<{ waiting: number }[]>`
      SELECT count(*)::int AS waiting FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if (row!.waiting >= count) return;
    if (Date.now() > deadline) throw new Error(`expected ${count} backends waiting on a lock, saw ${row!.waiting}`);
    await sleep(10);
  }
}

/** Starts a staff reset of `linkId` and returns it held just before its commit. */
async function resetHeldBeforeCommit(linkId: number) {
  const release = await holdLinkRow(linkId);
  const reset = resetParentLogins({ linkIds: [linkId], actor: { staffUserId, label: "agent@district.example.org", ip: "10.0.0.5" } });
  await waitForLockWaiters(1);
  return { release, reset };
}

async function expectStillReset(accountId: number, username: string) {
  const account = await prisma.parentAccount.findUniqueOrThrow({ where: { id: accountId } });
  expect(account).toMatchObject({ status: "RESET", passwordHash: null });
  expect(await authenticateParent(username, NEW_PASSWORD, IP)).toMatchObject({ ok: false });
  expect(await prisma.auditEvent.count({ where: { action: "parent.password.change", actorId: accountId } })).toBe(0);
}

beforeAll(async () => {
  schoolId = (await createSchool(prisma, "Jefferson High")).id;
  staffUserId = (await prisma.staffUser.create({ data: { email: "agent@district.example.org", name: "Agent", role: "HELP_DESK", passwordHash: "x" } })).id;
});
beforeEach(async () => {
  await prisma.rateLimitBucket.deleteMany();
});

describe("a staff reset racing a parent's new password", () => {
  it("signed-in change: the reset commits while the change waits for the login row; the change is refused", { timeout: 120_000 }, async () => {
    const { account, contact, link, username } = await parent();
    const session = await createAuthSession({ parentAccountId: account.id }, {});
    const { release, reset } = await resetHeldBeforeCommit(link.id);

    // Started after the reset wrote the login but before it committed: the change still reads ACTIVE.
    const change = changeParentPassword({ parentAccountId: account.id, sessionId: session, currentPassword: OLD_PASSWORD, newPassword: NEW_PASSWORD, ip: IP });
    await waitForLockWaiters(2);
    await release();
    expect(await reset).toMatchObject({ resetLogins: 1 });

    expect(await change).toEqual({ ok: false, reason: "account_reset" });
    await expectStillReset(account.id, username);
    expect(await loadSessionPrincipal(session)).toBeNull();
    expect(await prisma.auditEvent.findFirstOrThrow({ where: { action: "parent.password.change.failed", actorId: account.id } })).toMatchObject({
      details: { reason: "account_reset" },
    });
    expect(await prisma.emailOutbox.count({ where: { template: "password-changed", toAddress: contact.email! } })).toBe(0);
  });

  it("Forgot Password step 3: the reset commits while the new password waits; the answer says the login was reset", { timeout: 120_000 }, async () => {
    const { account, contact, link, username } = await parent();
    await requestPasswordResetCode({ username, ip: IP }, { minimumMs: 0 });
    const verified = await verifyPasswordResetCode({ usernameKey: username, code: await queuedSecurityCode(contact.email!), ip: IP }, { minimumMs: 0 });
    if (verified.status !== "verified") throw new Error(`expected verified, got ${verified.status}`);
    const { release, reset } = await resetHeldBeforeCommit(link.id);

    const complete = completePasswordReset({ grant: verified.grant, newPassword: NEW_PASSWORD, ip: IP });
    await waitForLockWaiters(2);
    await release();
    expect(await reset).toMatchObject({ resetLogins: 1 });

    expect(await complete).toEqual({ status: "account-reset" });
    await expectStillReset(account.id, username);
  });

  it("Resend temporary password: the reset commits while the new temporary password waits; the reset stands, nothing is mailed", { timeout: 120_000 }, async () => {
    const { account, contact, link, identity } = await parent("PENDING_PASSWORD_CHANGE");
    const { release, reset } = await resetHeldBeforeCommit(link.id);

    const resend = resendTemporaryPassword(identity, { ip: IP }, { minimumMs: 0 });
    await waitForLockWaiters(2);
    await release();
    expect(await reset).toMatchObject({ resetLogins: 1 });

    expect(await resend).toEqual({ status: "done" });
    expect(await prisma.parentAccount.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({ status: "RESET", passwordHash: null });
    expect(await prisma.emailOutbox.count({ where: { template: "temporary-password", toAddress: contact.email! } })).toBe(0);
    expect(await prisma.auditEvent.findFirstOrThrow({ where: { action: "parent.temporary-password.resend.failed" }, orderBy: { id: "desc" } })).toMatchObject({
      contactIds: [contact.id],
      details: { reason: "not_pending" },
    });
  });
});
