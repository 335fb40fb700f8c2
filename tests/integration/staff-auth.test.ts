// Staff sign-in and server-side sessions on a real database: wrong passwords, unknown
// users, lockout, disabled users, rate limits, and sessions that end on the server.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { hashSecret } from "@/lib/security/password-hash";
import { authenticateStaff } from "@/lib/auth/staff-sign-in";
import { createAuthSession, endAuthSession, endStaffSessions, loadSessionPrincipal } from "@/lib/auth/auth-session-store";

const PASSWORD = "a long staff passphrase";
let seq = 0;

async function staffUser(overrides: { disabled?: boolean; role?: "SITE_ADMIN" | "HELP_DESK" } = {}) {
  const email = `agent${++seq}@district.example.org`;
  return prisma.staffUser.create({
    data: { email, name: `Agent ${seq}`, role: overrides.role ?? "HELP_DESK", passwordHash: await hashSecret(PASSWORD), disabled: overrides.disabled ?? false },
  });
}

beforeEach(async () => {
  await prisma.rateLimitBucket.deleteMany();
});

describe("authenticateStaff", () => {
  it("accepts the right password (e-mail case and spaces ignored) and audits the sign-in", async () => {
    const user = await staffUser();
    expect(await authenticateStaff(`  ${user.email.toUpperCase()} `, PASSWORD, "198.51.100.1")).toMatchObject({ ok: true, staffUserId: user.id });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "staff.sign-in", actorId: user.id } });
    expect(event).toMatchObject({ actorType: "STAFF", actorLabel: user.email, ip: "198.51.100.1" });
    expect(JSON.stringify(event.details)).not.toContain(PASSWORD);
  });

  it("answers a wrong password and an unknown e-mail the same way", async () => {
    const user = await staffUser();
    expect(await authenticateStaff(user.email, "wrong password!", "198.51.100.2")).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticateStaff("nobody@district.example.org", PASSWORD, "198.51.100.2")).toEqual({ ok: false, reason: "invalid" });
    expect((await prisma.staffUser.findUniqueOrThrow({ where: { id: user.id } })).failedAttempts).toBe(1);
  });

  it("refuses a disabled user even with the right password", async () => {
    const user = await staffUser({ disabled: true });
    expect(await authenticateStaff(user.email, PASSWORD, "198.51.100.3")).toEqual({ ok: false, reason: "invalid" });
  });

  it("throttles one address after 10 wrong passwords without locking the account for others", async () => {
    const user = await staffUser();
    for (let i = 0; i < 10; i++) await authenticateStaff(user.email, `wrong ${i}`, "198.51.100.4");
    expect(await authenticateStaff(user.email, PASSWORD, "198.51.100.4")).toEqual({ ok: false, reason: "rate_limited" });
    expect(await prisma.staffUser.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ failedAttempts: 10, lockedUntil: null });
    expect(await authenticateStaff(user.email, PASSWORD, "198.51.100.40")).toMatchObject({ ok: true });
  });

  it("rate-limits attempts per address, whatever e-mail is typed", async () => {
    for (let i = 0; i < 30; i++) await authenticateStaff(`someone${i}@district.example.org`, "wrong", "203.0.113.1");
    const user = await staffUser();
    expect(await authenticateStaff(user.email, PASSWORD, "203.0.113.1")).toEqual({ ok: false, reason: "rate_limited" });
  });
});

describe("server-side sessions", () => {
  it("a session lives until it is ended on the server", async () => {
    const user = await staffUser({ role: "SITE_ADMIN" });
    const sessionId = await createAuthSession({ staffUserId: user.id }, { ip: "198.51.100.5", userAgent: "test" });
    expect(await loadSessionPrincipal(sessionId)).toMatchObject({ kind: "staff", staffUserId: user.id, role: "SITE_ADMIN" });
    await endAuthSession(sessionId);
    expect(await loadSessionPrincipal(sessionId)).toBeNull();
  });

  it("a role change applies to open sessions; disabling and ending all sessions sign the user out", async () => {
    const user = await staffUser({ role: "SITE_ADMIN" });
    const first = await createAuthSession({ staffUserId: user.id }, {});
    const second = await createAuthSession({ staffUserId: user.id }, {});
    await prisma.staffUser.update({ where: { id: user.id }, data: { role: "HELP_DESK" } });
    expect(await loadSessionPrincipal(first)).toMatchObject({ role: "HELP_DESK" });

    await prisma.staffUser.update({ where: { id: user.id }, data: { disabled: true } });
    expect(await loadSessionPrincipal(first)).toBeNull();
    await prisma.staffUser.update({ where: { id: user.id }, data: { disabled: false } });
    expect(await prisma.$transaction((tx) => endStaffSessions(tx, user.id))).toBe(2);
    expect(await loadSessionPrincipal(second)).toBeNull();
  });

  it("an expired session is not accepted", async () => {
    const user = await staffUser();
    const sessionId = await createAuthSession({ staffUserId: user.id }, {});
    await prisma.authSession.update({ where: { id: sessionId }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await loadSessionPrincipal(sessionId)).toBeNull();
  });
});
