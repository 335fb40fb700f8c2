// Server-side bounds of parent login resets: help desk per call (other rows of the same
// parents count) and per agent per hour, site admins at the district's bulk cap; refusals
// are audited and change nothing, and concurrent calls by one agent never overshoot.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { ActionFailure } from "@/lib/actions/action-result";
import { describeResetLimits } from "@/lib/parents/reset-limits";
import { resetParentLogins } from "@/lib/parents/reset-parent-logins";
import { createParent, createSchool, createStudent } from "../helpers/parent-fixtures";

let schoolId: number;
let agent: { staffUserId: number; label: string; ip: string };
let admin: { staffUserId: number; label: string; ip: string };

async function setLimits(values: { helpDeskResetCap?: number; helpDeskResetsPerHour?: number; bulkResetCap?: number }) {
  await prisma.districtSettings.upsert({
    where: { id: 1 },
    create: { id: 1, districtName: "D", supportPhone: "1", supportEmail: "s@d.org", senderAddress: "n@d.org", ...values },
    update: values,
  });
}

/** `count` parents with a login, each with `children` rows; returns each parent's link ids. */
async function parents(count: number, children = 1): Promise<number[][]> {
  const families: number[][] = [];
  for (let i = 0; i < count; i++) {
    const kids = [];
    for (let k = 0; k < children; k++) kids.push((await createStudent(prisma, schoolId)).id);
    const parent = await createParent(prisma, { firstName: `P${i}`, lastName: `Budget${i}`, account: { username: `p${families.length}-${Math.random().toString(36).slice(2, 8)}` } }, kids);
    families.push(parent.links.map((link) => link.id));
  }
  return families;
}

const refusalOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);
const resetRowCount = () => prisma.studentContactLoginKey.count({ where: { resetAt: { not: null } } });

beforeEach(async () => {
  await prisma.$executeRawUnsafe(`TRUNCATE "StudentContact", "ParentAccount", "Contact", "Student", "School", "AuthSession",
    "EmailOutbox", "AuditEvent", "StaffUser", "StudentAccount", "PasswordResetCode", "DistrictSettings" RESTART IDENTITY CASCADE`);
  schoolId = (await createSchool(prisma)).id;
  const desk = await prisma.staffUser.create({ data: { email: "agent@district.org", name: "Agent", role: "HELP_DESK", passwordHash: "x" } });
  const boss = await prisma.staffUser.create({ data: { email: "admin@district.org", name: "Admin", role: "SITE_ADMIN", passwordHash: "x" } });
  agent = { staffUserId: desk.id, label: desk.email, ip: "203.0.113.9" };
  admin = { staffUserId: boss.id, label: boss.email, ip: "203.0.113.10" };
});

describe("help desk per-call cap", () => {
  it("defaults to 25 rows: 26 picked ids are refused, audited, and nothing changes; 25 go through", async () => {
    const ids = (await parents(26)).flat();
    const error = await refusalOf(resetParentLogins({ linkIds: ids, actor: agent }));
    expect(error).toBeInstanceOf(ActionFailure);
    expect(error).toMatchObject({ code: "invalid" });
    expect((error as Error).message).toMatch(/at most 25 rows at once.*covers 26 rows/);
    expect(await resetRowCount()).toBe(0);
    expect(await prisma.emailOutbox.count()).toBe(0);
    expect(await prisma.parentAccount.count({ where: { status: "RESET" } })).toBe(0);
    const [event] = await prisma.auditEvent.findMany({ where: { action: "parent.reset.over-cap" } });
    expect(event).toMatchObject({ actorType: "STAFF", actorId: agent.staffUserId, ip: agent.ip });
    expect(event!.details).toMatchObject({ rows: 26, maxRowsPerReset: 25, role: "HELP_DESK" });

    expect(await resetParentLogins({ linkIds: ids.slice(0, 25), actor: agent })).toMatchObject({ resetRows: 25 });
  });

  it("counts the other rows of the same parents when they are included", async () => {
    await setLimits({ helpDeskResetCap: 5 });
    const families = await parents(3, 2); // 3 parents x 2 rows
    const picked = families.map((links) => links[0]!);
    const error = await refusalOf(resetParentLogins({ linkIds: picked, actor: agent, includeOtherRowsOfSameParents: true }));
    expect(error).toMatchObject({ code: "invalid" });
    expect((error as Error).message).toMatch(/at most 5 rows at once \(other rows of the same parents count\).*covers 6 rows/);
    expect(await resetRowCount()).toBe(0);
    expect(await resetParentLogins({ linkIds: picked, actor: agent })).toMatchObject({ resetRows: 3 });
  });

  it("ignores the role the caller might claim: a help-desk agent is capped whatever the action passes", async () => {
    await setLimits({ helpDeskResetCap: 2, bulkResetCap: 100 });
    const ids = (await parents(3)).flat();
    await expect(resetParentLogins({ linkIds: ids, actor: { ...agent, role: "SITE_ADMIN" } as typeof agent })).rejects.toMatchObject({ code: "invalid" });
  });
});

describe("help desk hourly budget", () => {
  it("refuses what would exceed the budget in the past hour, audits it, and frees rows an hour later", async () => {
    await setLimits({ helpDeskResetCap: 10, helpDeskResetsPerHour: 25 });
    const ids = (await parents(31)).flat();
    await resetParentLogins({ linkIds: ids.slice(0, 10), actor: agent });
    await resetParentLogins({ linkIds: ids.slice(10, 20), actor: agent });
    expect(await describeResetLimits(agent.staffUserId)).toMatchObject({ maxRowsPerReset: 10, perHour: { limit: 25, used: 20 } });

    const error = await refusalOf(resetParentLogins({ linkIds: ids.slice(20, 26), actor: agent }));
    expect(error).toMatchObject({ code: "rate_limited" });
    expect((error as Error).message).toMatch(/at most 25 rows per hour; you have 5 left/);
    expect(await resetRowCount()).toBe(20);
    const [event] = await prisma.auditEvent.findMany({ where: { action: "parent.reset.over-budget" } });
    expect(event).toMatchObject({ actorId: agent.staffUserId });
    expect(event!.details).toMatchObject({ rows: 6, perHour: 25, usedLastHour: 20 });

    // Exactly the remainder still fits; other agents and site admins have budgets of their own.
    await resetParentLogins({ linkIds: ids.slice(20, 25), actor: agent });
    await expect(resetParentLogins({ linkIds: [ids[25]!], actor: agent })).rejects.toMatchObject({ code: "rate_limited" });
    await resetParentLogins({ linkIds: ids.slice(25, 31), actor: admin });

    // Resets older than an hour no longer count.
    await prisma.auditEvent.updateMany({ where: { action: "parent.reset", actorId: agent.staffUserId }, data: { at: new Date(Date.now() - 61 * 60_000) } });
    const fresh = (await parents(1)).flat();
    expect(await resetParentLogins({ linkIds: fresh, actor: agent })).toMatchObject({ resetRows: 1 });
  });

  it("holds under concurrent calls by one agent: the budget is never overshot", async () => {
    await setLimits({ helpDeskResetCap: 5, helpDeskResetsPerHour: 15 });
    const ids = (await parents(30)).flat();
    const batches = Array.from({ length: 6 }, (_, i) => ids.slice(i * 5, i * 5 + 5));
    const results = await Promise.allSettled(batches.map((linkIds) => resetParentLogins({ linkIds, actor: agent })));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3);
    const refused = results.filter((result) => result.status === "rejected");
    expect(refused).toHaveLength(3);
    for (const result of refused) expect((result as PromiseRejectedResult).reason).toMatchObject({ code: "rate_limited" });
    expect(await resetRowCount()).toBe(15);
    expect(await prisma.auditEvent.count({ where: { action: "parent.reset.over-budget" } })).toBe(3);
  });
});

describe("site admins", () => {
  it("keep the district's bulk cap per reset, other rows included, and have no hourly budget", async () => {
    await setLimits({ bulkResetCap: 4, helpDeskResetsPerHour: 1 });
    const families = await parents(6, 2);
    const picked = families.slice(0, 3).map((links) => links[0]!);
    const error = await refusalOf(resetParentLogins({ linkIds: picked, actor: admin, includeOtherRowsOfSameParents: true }));
    expect(error).toMatchObject({ code: "invalid" });
    expect((error as Error).message).toMatch(/at most 4 rows \(district setting\).*covers 6 rows/);
    expect(await prisma.auditEvent.count({ where: { action: "parent.reset.over-cap", actorId: admin.staffUserId } })).toBe(1);

    for (const links of families) await resetParentLogins({ linkIds: links, actor: admin });
    expect(await resetRowCount()).toBe(12);
    expect(await describeResetLimits(admin.staffUserId)).toMatchObject({ maxRowsPerReset: 4, perHour: null });
  });
});
