// Issue 7, item 3 on a real database: a site admin sees and clears a staff member's sign-in
// lock (audited, only with staff:manage), and a signed-in staff member changes their own
// passphrase (current one required, district policy, other sessions end, audited).
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createAuthSession, loadSessionPrincipal } from "@/lib/auth/auth-session-store";
import { ForbiddenError } from "@/lib/auth/permissions";
import { authenticateStaff } from "@/lib/auth/staff-sign-in";
import { STAFF_THROTTLE } from "@/lib/auth/sign-in-throttle";
import { hashSecret, verifySecret } from "@/lib/security/password-hash";
import { ActionFailure } from "@/lib/actions/action-result";
import { clearStaffSignInLock } from "@/lib/staff/clear-staff-sign-in-lock";
import { changeOwnStaffPassphrase } from "@/lib/staff/change-own-staff-passphrase";
import { sendPassphraseChangeCode } from "@/lib/staff/passphrase-change-code";
import { listStaffUsers } from "@/lib/staff/list-staff-users";
import { changeOwnPassphraseSchema } from "@/lib/staff/staff-user-schemas";
import type { StaffActor } from "@/lib/staff/staff-actor";

const PASSPHRASE = "river stones under a quiet bridge";
let admin: StaffActor;
let desk: StaffActor;

async function staff(email: string, role: "SITE_ADMIN" | "HELP_DESK"): Promise<StaffActor> {
  const row = await prisma.staffUser.create({ data: { email, name: email, role, passwordHash: await hashSecret(PASSPHRASE) } });
  return { staffUserId: row.id, email: row.email, role, ip: "192.0.2.1" };
}

beforeEach(async () => {
  await prisma.rateLimitBucket.deleteMany();
  await prisma.authSession.deleteMany();
  await prisma.auditEvent.deleteMany();
  await prisma.staffUser.deleteMany();
  await prisma.districtSettings.deleteMany();
  admin = await staff("admin@riverside.example.org", "SITE_ADMIN");
  desk = await staff("desk_1@riverside.example.org", "HELP_DESK");
});

async function failureOf(promise: Promise<unknown>): Promise<ActionFailure> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ActionFailure);
  return error as ActionFailure;
}

describe("a site admin clears a staff sign-in lock", () => {
  it("shows the lock, clears it with every per-address throttle, and audits it", async () => {
    for (let i = 0; i < 12; i++) await authenticateStaff(desk.email, `wrong ${i}`, "203.0.113.9");
    await prisma.staffUser.update({
      where: { id: desk.staffUserId },
      data: { failedAttempts: STAFF_THROTTLE.cap, lockedUntil: new Date(Date.now() + 60 * 60_000) },
    });
    const listed = (await listStaffUsers()).find((user) => user.id === desk.staffUserId)!;
    expect(listed.signInLock).toMatchObject({ failedAttempts: STAFF_THROTTLE.cap, lockedUntil: expect.any(Date) });
    expect(listed).not.toHaveProperty("passwordHash");
    expect(await authenticateStaff(desk.email, PASSPHRASE, "198.51.100.1")).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticateStaff(desk.email, PASSPHRASE, "203.0.113.9")).toEqual({ ok: false, reason: "rate_limited" });

    // A help-desk agent may not clear it.
    await expect(clearStaffSignInLock(desk, { staffUserId: desk.staffUserId })).rejects.toBeInstanceOf(ForbiddenError);

    expect(await clearStaffSignInLock(admin, { staffUserId: desk.staffUserId })).toEqual({ cleared: true });
    expect(await prisma.staffUser.findUniqueOrThrow({ where: { id: desk.staffUserId } })).toMatchObject({
      failedAttempts: 0,
      lockedUntil: null,
      failureWindowStartedAt: null,
    });
    expect((await listStaffUsers()).find((user) => user.id === desk.staffUserId)!.signInLock).toEqual({ failedAttempts: 0, lockedUntil: null });
    // Both the new address and the throttled one get in again.
    expect(await authenticateStaff(desk.email, PASSPHRASE, "203.0.113.9")).toMatchObject({ ok: true });
    expect(await authenticateStaff(desk.email, PASSPHRASE, "198.51.100.1")).toMatchObject({ ok: true });

    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "staff.sign-in-lock.clear" } });
    expect(event).toMatchObject({ actorId: admin.staffUserId });
    // Two throttled addresses, each with its 15-minute and its daily window.
    expect(event.details).toMatchObject({ staffUserId: desk.staffUserId, email: desk.email, failedAttempts: STAFF_THROTTLE.cap, addressThrottlesCleared: 4 });
  });
});

describe("a staff member changes their own passphrase", () => {
  let code = "";
  // Issue 9, item 4: a code sent to the alternate e-mail (tests/integration/staff-passphrase-change-code.test.ts covers the rest).
  beforeEach(async () => {
    const now = new Date();
    await prisma.staffSecurityInfo.create({ data: { staffUserId: desk.staffUserId, altEmail: "desk.home@example.net", altEmailConfirmedAt: now, confirmedAt: now } });
    await sendPassphraseChangeCode(desk, "email");
    const mail = await prisma.emailOutbox.findFirstOrThrow({ where: { toAddress: "desk.home@example.net", template: "staff-verification-code" }, orderBy: { id: "desc" } });
    code = (mail.params as { code: string }).code;
  });
  const input = (overrides: Record<string, string> = {}) =>
    changeOwnPassphraseSchema.parse({
      currentPassphrase: PASSPHRASE,
      newPassphrase: "lanterns drifting over the harbor",
      confirmPassphrase: "lanterns drifting over the harbor",
      verificationMethod: "email",
      verificationCode: code,
      ...overrides,
    });

  it("requires the current passphrase, applies the policy, ends the other sessions and audits", async () => {
    const current = await createAuthSession({ staffUserId: desk.staffUserId }, {});
    const other = await createAuthSession({ staffUserId: desk.staffUserId }, {});
    const adminSession = await createAuthSession({ staffUserId: admin.staffUserId }, {});

    const wrongCurrent = await failureOf(changeOwnStaffPassphrase(desk, current, input({ currentPassphrase: "not my passphrase" })));
    expect(wrongCurrent.fieldErrors).toEqual({ currentPassphrase: ["That is not your current passphrase."] });
    const short = await failureOf(changeOwnStaffPassphrase(desk, current, input({ newPassphrase: "too short", confirmPassphrase: "too short" })));
    expect(short.fieldErrors?.newPassphrase).toContain(`Use at least 15 characters, e.g. a short sentence such as "What a wonderful day!".`);
    const common = await failureOf(changeOwnStaffPassphrase(desk, current, input({ newPassphrase: "passwordpassword", confirmPassphrase: "passwordpassword" })));
    expect(common.fieldErrors?.newPassphrase).toContain("This passphrase is too common. Choose another.");
    const email = await failureOf(changeOwnStaffPassphrase(desk, current, input({ newPassphrase: desk.email.toUpperCase(), confirmPassphrase: desk.email.toUpperCase() })));
    expect(email.fieldErrors?.newPassphrase).toContain("Do not use your e-mail name in your passphrase.");
    expect(changeOwnPassphraseSchema.safeParse({ currentPassphrase: "x", newPassphrase: "one two three four", confirmPassphrase: "one two three five", verificationMethod: "email", verificationCode: "123456" }).success).toBe(false);
    // Nothing changed so far.
    expect(await verifySecret((await prisma.staffUser.findUniqueOrThrow({ where: { id: desk.staffUserId } })).passwordHash, PASSPHRASE)).toBe(true);
    expect(await prisma.authSession.count({ where: { staffUserId: desk.staffUserId } })).toBe(2);

    expect(await changeOwnStaffPassphrase(desk, current, input())).toMatchObject({ sessionsEnded: 1 });
    expect(await loadSessionPrincipal(current)).toMatchObject({ staffUserId: desk.staffUserId });
    expect(await loadSessionPrincipal(other)).toBeNull();
    expect(await loadSessionPrincipal(adminSession)).not.toBeNull();
    expect(await authenticateStaff(desk.email, PASSPHRASE, "198.51.100.7")).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticateStaff(desk.email, "lanterns drifting over the harbor", "198.51.100.8")).toMatchObject({ ok: true });

    const audit = await prisma.auditEvent.findMany({ where: { actorId: desk.staffUserId, action: { startsWith: "staff.passphrase" } }, orderBy: { id: "asc" } });
    expect(audit.map((event) => [event.action, event.details])).toEqual([
      ["staff.passphrase.change-code-sent", { method: "email" }],
      ["staff.passphrase.change-failed", { reason: "current" }],
      ["staff.passphrase.change", { sessionsEnded: 1, method: "email" }],
    ]);
    expect(JSON.stringify(audit.map((event) => event.details))).not.toContain("lanterns");
  });

  it("limits guesses at the current passphrase", async () => {
    const session = await createAuthSession({ staffUserId: desk.staffUserId }, {});
    for (let i = 0; i < 5; i++) await failureOf(changeOwnStaffPassphrase(desk, session, input({ currentPassphrase: `guess ${i}` })));
    expect((await failureOf(changeOwnStaffPassphrase(desk, session, input()))).code).toBe("rate_limited");
  });
});
