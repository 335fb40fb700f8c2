import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createAuthSession } from "@/lib/auth/auth-session-store";
import { verifySecret } from "@/lib/security/password-hash";
import { createStaffUser } from "@/lib/staff/create-staff-user";
import { listStaffUsers } from "@/lib/staff/list-staff-users";
import { setStaffUserDisabled } from "@/lib/staff/set-staff-user-disabled";
import { changeStaffUserRole } from "@/lib/staff/change-staff-user-role";
import { createStaffUserSchema } from "@/lib/staff/staff-user-schemas";
import type { StaffActor } from "@/lib/staff/staff-actor";
import { ActionFailure } from "@/lib/actions/action-result";

let admin: StaffActor;
let desk: { id: number };

async function staff(email: string, role: "SITE_ADMIN" | "HELP_DESK") {
  return prisma.staffUser.create({ data: { email, name: email, role, passwordHash: "x" } });
}

beforeEach(async () => {
  await prisma.authSession.deleteMany();
  await prisma.auditEvent.deleteMany();
  await prisma.staffUser.deleteMany();
  await prisma.districtSettings.deleteMany();
  const adminRow = await staff("admin@riverside.example.org", "SITE_ADMIN");
  admin = { staffUserId: adminRow.id, email: adminRow.email, role: "SITE_ADMIN", ip: "192.0.2.1" };
  desk = await staff("desk@riverside.example.org", "HELP_DESK");
});

const input = (overrides: Record<string, unknown> = {}) =>
  createStaffUserSchema.parse({
    email: " New.Agent@Riverside.Example.org ",
    name: "New Agent",
    role: "HELP_DESK",
    ...overrides,
  });

async function failureOf(promise: Promise<unknown>): Promise<ActionFailure> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ActionFailure);
  return error as ActionFailure;
}

describe("createStaffUser", () => {
  it("creates a lower-cased account without a passphrase, queues its setup link and audits it without the link", async () => {
    const { id } = await createStaffUser(admin, input());
    const user = await prisma.staffUser.findUniqueOrThrow({ where: { id } });
    expect(user).toMatchObject({ email: "new.agent@riverside.example.org", role: "HELP_DESK", disabled: false, passwordHash: null });
    const [mail] = await prisma.emailOutbox.findMany({ where: { toAddress: "new.agent@riverside.example.org" } });
    expect(mail).toMatchObject({ template: "staff-setup-link", sensitive: true, locale: "en" });
    const token = (mail!.params as { token: string }).token;
    expect(token).toMatch(/^[\w-]{16}\.[\w-]{43}$/);
    const link = await prisma.staffSetupLink.findFirstOrThrow({ where: { staffUserId: id } });
    expect(link.reason).toBe("NEW_ACCOUNT");
    expect(JSON.stringify(link)).not.toContain(token.split(".")[1]);
    const events = await prisma.auditEvent.findMany({ where: { action: "staff.create" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: admin.staffUserId, actorLabel: admin.email, ip: "192.0.2.1" });
    expect(JSON.stringify(events[0]!.details)).not.toContain(token.split(".")[1]);
    expect(await verifySecret(user.passwordHash, "")).toBe(false);
    // The staff page tells the admin who has not used their link yet, and never the hash.
    const listed = (await listStaffUsers()).find((item) => item.id === id)!;
    expect(listed.awaitingSetup).toBe(true);
    expect(listed).not.toHaveProperty("passwordHash");
    expect((await listStaffUsers()).find((item) => item.id === admin.staffUserId)!.awaitingSetup).toBe(false);
  });

  it("enforces staff domains and unique email", async () => {
    await createStaffUser(admin, input());
    const outside = await failureOf(createStaffUser(admin, input({ email: "someone@gmail.com" })));
    expect(outside.fieldErrors?.email).toBeDefined();
    const taken = await failureOf(createStaffUser(admin, input()));
    expect(taken.code).toBe("conflict");
    expect(await prisma.staffUser.count()).toBe(3);
    expect(await prisma.auditEvent.count({ where: { action: "staff.create" } })).toBe(1);
  });
});

describe("setStaffUserDisabled", () => {
  it("disabling ends every session of that user, audited; enabling clears lockout", async () => {
    await createAuthSession({ staffUserId: desk.id }, { ip: "192.0.2.9" });
    await createAuthSession({ staffUserId: desk.id }, { ip: "192.0.2.9" });
    const adminSession = await createAuthSession({ staffUserId: admin.staffUserId }, {});
    expect(await setStaffUserDisabled(admin, { staffUserId: desk.id, disabled: true })).toEqual({ changed: true, sessionsEnded: 2 });
    expect(await prisma.authSession.findMany({ select: { id: true } })).toEqual([{ id: adminSession }]);
    expect((await prisma.staffUser.findUniqueOrThrow({ where: { id: desk.id } })).disabled).toBe(true);
    expect(await setStaffUserDisabled(admin, { staffUserId: desk.id, disabled: true })).toEqual({ changed: false, sessionsEnded: 0 });

    await prisma.staffUser.update({ where: { id: desk.id }, data: { failedAttempts: 10, lockedUntil: new Date(Date.now() + 60_000) } });
    await setStaffUserDisabled(admin, { staffUserId: desk.id, disabled: false });
    expect(await prisma.staffUser.findUniqueOrThrow({ where: { id: desk.id } })).toMatchObject({ disabled: false, failedAttempts: 0, lockedUntil: null });
    const audit = await prisma.auditEvent.findMany({ orderBy: { id: "asc" }, select: { action: true, details: true } });
    expect(audit).toEqual([
      { action: "staff.disable", details: { staffUserId: desk.id, email: "desk@riverside.example.org", sessionsEnded: 2 } },
      { action: "staff.enable", details: { staffUserId: desk.id, email: "desk@riverside.example.org" } },
    ]);
  });

  it("refuses to disable yourself or the last active admin", async () => {
    expect((await failureOf(setStaffUserDisabled(admin, { staffUserId: admin.staffUserId, disabled: true }))).code).toBe("conflict");
    // Another admin may disable the first while one active admin remains, but not the last one.
    const other = await staff("other@riverside.example.org", "SITE_ADMIN");
    const otherActor: StaffActor = { staffUserId: other.id, email: other.email, role: "SITE_ADMIN", ip: "192.0.2.2" };
    await setStaffUserDisabled(otherActor, { staffUserId: admin.staffUserId, disabled: true });
    expect((await prisma.staffUser.findUniqueOrThrow({ where: { id: admin.staffUserId } })).disabled).toBe(true);
    await prisma.staffUser.update({ where: { id: other.id }, data: { disabled: true } }); // e.g. by SQL
    await prisma.staffUser.update({ where: { id: admin.staffUserId }, data: { disabled: false } });
    const last = await failureOf(setStaffUserDisabled(otherActor, { staffUserId: admin.staffUserId, disabled: true }));
    expect(last.message).toMatch(/at least one active site admin/);
    expect((await prisma.staffUser.findUniqueOrThrow({ where: { id: admin.staffUserId } })).disabled).toBe(false);
  });
});

describe("changeStaffUserRole", () => {
  it("promotes and demotes with before/after in the audit", async () => {
    expect(await changeStaffUserRole(admin, { staffUserId: desk.id, role: "SITE_ADMIN" })).toEqual({ changed: true });
    expect(await changeStaffUserRole(admin, { staffUserId: desk.id, role: "SITE_ADMIN" })).toEqual({ changed: false });
    await changeStaffUserRole(admin, { staffUserId: desk.id, role: "HELP_DESK" });
    const audit = await prisma.auditEvent.findMany({ where: { action: "staff.role-change" }, orderBy: { id: "asc" } });
    expect(audit.map((event) => event.details)).toEqual([
      { staffUserId: desk.id, email: "desk@riverside.example.org", before: "HELP_DESK", after: "SITE_ADMIN" },
      { staffUserId: desk.id, email: "desk@riverside.example.org", before: "SITE_ADMIN", after: "HELP_DESK" },
    ]);
  });

  it("blocks self-demotion and leaves the role unchanged", async () => {
    const failure = await failureOf(changeStaffUserRole(admin, { staffUserId: admin.staffUserId, role: "HELP_DESK" }));
    expect(failure.message).toMatch(/your own/);
    expect((await prisma.staffUser.findUniqueOrThrow({ where: { id: admin.staffUserId } })).role).toBe("SITE_ADMIN");
    expect(await prisma.auditEvent.count()).toBe(0);
  });

  it("two admins demoting each other at once leave one admin", async () => {
    const other = await staff("other@riverside.example.org", "SITE_ADMIN");
    const otherActor: StaffActor = { staffUserId: other.id, email: other.email, role: "SITE_ADMIN", ip: "192.0.2.2" };
    const results = await Promise.allSettled([
      changeStaffUserRole(admin, { staffUserId: other.id, role: "HELP_DESK" }),
      changeStaffUserRole(otherActor, { staffUserId: admin.staffUserId, role: "HELP_DESK" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await prisma.staffUser.count({ where: { role: "SITE_ADMIN" } })).toBe(1);
  });
});
