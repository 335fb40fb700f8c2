// Follow-up on resets: each reset opens a follow-up, re-registration closes it (whatever
// module moves the login out of RESET), the pending list filters and counts per school, the
// notice can be resent at most once per contact per 24 hours, and the home's figures.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { registerParent } from "@/lib/accounts/register-parent";
import { resetParentLogins } from "@/lib/parents/reset-parent-logins";
import { pendingFiltersFromParams, parsePendingSearchParams } from "@/lib/follow-up/pending-search-params";
import { countPendingReregistrations, searchPendingReregistrations } from "@/lib/follow-up/search-pending-reregistrations";
import { resendResetNotices } from "@/lib/follow-up/resend-reset-notices";
import { resetFollowUpStats } from "@/lib/follow-up/reset-follow-up-stats";
import { pendingReregistrationsCsv } from "@/lib/follow-up/pending-reregistrations-csv";
import type { StaffActor } from "@/lib/staff/staff-actor";
import { createParent, createSchool, createStudent } from "../helpers/parent-fixtures";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let north: number;
let south: number;
let desk: StaffActor;
let other: StaffActor;

beforeEach(async () => {
  await prisma.$executeRawUnsafe(`TRUNCATE "StudentContact", "ParentAccount", "Contact", "Student", "School", "AuthSession", "RateLimitBucket",
    "EmailOutbox", "AuditEvent", "StaffUser", "StudentAccount", "PasswordResetCode", "ParentLoginReset" RESTART IDENTITY CASCADE`);
  north = (await createSchool(prisma, "North High")).id;
  south = (await createSchool(prisma, "South Elementary")).id;
  const a = await prisma.staffUser.create({ data: { email: "agent@district.org", name: "Agent", role: "HELP_DESK", passwordHash: "x" } });
  const b = await prisma.staffUser.create({ data: { email: "other@district.org", name: "Other", role: "HELP_DESK", passwordHash: "x" } });
  desk = { staffUserId: a.id, email: a.email, role: "HELP_DESK", ip: "203.0.113.9" };
  other = { staffUserId: b.id, email: b.email, role: "HELP_DESK", ip: "203.0.113.10" };
});

async function parentIn(schoolIds: number[], lastName: string) {
  const kids = [];
  for (const schoolId of schoolIds) kids.push(await createStudent(prisma, schoolId, { lastName }));
  const parent = await createParent(prisma, { firstName: "Rosa", lastName, email: `${lastName.toLowerCase()}@example.com`, account: { username: lastName.toLowerCase() } }, kids.map((kid) => kid.id));
  return { ...parent, kids };
}

async function reset(by: StaffActor, linkIds: number[]) {
  return resetParentLogins({ linkIds, actor: { staffUserId: by.staffUserId, label: by.email, ip: by.ip }, verification: { methods: ["In person with photo ID"] } });
}

const pending = async (raw: Record<string, string> = {}) => {
  const filters = pendingFiltersFromParams(parsePendingSearchParams(raw));
  const [page, counts] = await Promise.all([searchPendingReregistrations(filters, { size: 50 }), countPendingReregistrations(filters)]);
  return { names: page.rows.map((row) => row.parentName), rows: page.rows, counts };
};

describe("follow-up on resets", () => {
  it("lists pending logins with schools and who reset, filters, counts per school, and drops them when the parent re-registers", async () => {
    const both = await parentIn([north, south], "Alvarez");
    const northOnly = await parentIn([north], "Baker");
    const southOnly = await parentIn([south], "Chen");
    await reset(desk, [both.links[0]!.id, northOnly.links[0]!.id]);
    await reset(other, [southOnly.links[0]!.id]);
    // Reset 10 days ago: "not re-created after 7 days".
    await prisma.parentLoginReset.updateMany({ where: { contactId: northOnly.contact.id }, data: { resetAt: new Date(Date.now() - 10 * DAY) } });

    const all = await pending();
    expect(all.names).toEqual(["Rosa Baker", "Rosa Alvarez", "Rosa Chen"]); // oldest reset first
    expect(all.rows[1]).toMatchObject({ schools: ["North High", "South Elementary"], resetBy: "agent@district.org", username: "alvarez", noticeResentAt: null });
    expect(all.counts).toEqual({
      total: 3,
      bySchool: [
        { schoolId: north, name: "North High", pending: 2 },
        { schoolId: south, name: "South Elementary", pending: 2 },
      ],
    });
    expect((await pending({ school: String(south) })).names).toEqual(["Rosa Alvarez", "Rosa Chen"]);
    expect((await pending({ resetBy: String(other.staffUserId) })).names).toEqual(["Rosa Chen"]);
    expect((await pending({ days: "7" })).names).toEqual(["Rosa Baker"]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await pending({ from: today, to: today })).names).toEqual(["Rosa Alvarez", "Rosa Chen"]);

    // Re-registration through the real flow closes the follow-up (the migration's rule).
    const result = await registerParent(
      { username: "rosa.chen", studentIds: [southOnly.kids[0]!.studentNumber], firstName: "Rosa", lastName: "Chen" },
      { ip: "198.51.100.4" },
      { minimumMs: 0 },
    );
    expect(result.status).toBe("registered");
    const closed = await prisma.parentLoginReset.findFirstOrThrow({ where: { contactId: southOnly.contact.id } });
    expect(closed.reregisteredAt).toBeInstanceOf(Date);
    expect((await pending()).counts.total).toBe(2);

    let csv = "";
    for await (const chunk of pendingReregistrationsCsv(pendingFiltersFromParams(parsePendingSearchParams({})))) csv += chunk;
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe("parent,contact_id,username,email,schools,reset_at_utc,reset_by,days_pending,notice_resent_at_utc");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain("Rosa Alvarez");
    expect(lines[2]).toContain("North High; South Elementary");
  });

  it("resends the notice at most once per contact per 24 hours, through the outbox, audited; not after re-registration", async () => {
    const rosa = await parentIn([north], "Diaz");
    const lena = await parentIn([north], "Evans");
    await reset(desk, [rosa.links[0]!.id, lena.links[0]!.id]);
    const [rosaFollowUp, lenaFollowUp] = await prisma.parentLoginReset.findMany({ orderBy: { contactId: "asc" } });
    await prisma.emailOutbox.deleteMany();

    const now = new Date();
    expect(await resendResetNotices(desk, [rosaFollowUp!.id], now)).toEqual({ sent: 1, tooSoon: 0, notPending: 0, noEmail: 0 });
    const [mail] = await prisma.emailOutbox.findMany();
    expect(mail).toMatchObject({ toAddress: "diaz@example.com", template: "login-reset-notice", status: "PENDING" });

    // Another agent 23 hours later: refused for Rosa, sent for Lena.
    expect(await resendResetNotices(other, [rosaFollowUp!.id, lenaFollowUp!.id], new Date(now.getTime() + 23 * HOUR))).toEqual({ sent: 1, tooSoon: 1, notPending: 0, noEmail: 0 });
    expect(await prisma.emailOutbox.count({ where: { toAddress: "diaz@example.com" } })).toBe(1);
    // 24 hours after the first resend: allowed again.
    expect(await resendResetNotices(desk, [rosaFollowUp!.id], new Date(now.getTime() + 24 * HOUR))).toMatchObject({ sent: 1 });
    expect(await prisma.emailOutbox.count({ where: { toAddress: "diaz@example.com" } })).toBe(2);

    // Two agents at once: one mail (the rows are locked).
    const later = new Date(now.getTime() + 3 * DAY);
    const both = await Promise.all([resendResetNotices(desk, [lenaFollowUp!.id], later), resendResetNotices(other, [lenaFollowUp!.id], later)]);
    expect(both.map((outcome) => outcome.sent).sort()).toEqual([0, 1]);

    await prisma.parentAccount.update({ where: { id: rosa.account!.id }, data: { status: "PENDING_PASSWORD_CHANGE" } });
    expect(await resendResetNotices(desk, [rosaFollowUp!.id], new Date(now.getTime() + 5 * DAY))).toEqual({ sent: 0, tooSoon: 0, notPending: 1, noEmail: 0 });

    const events = await prisma.auditEvent.findMany({ where: { action: "parent.reset-notice.resend" }, orderBy: { id: "asc" } });
    expect(events).toHaveLength(6);
    expect(events[0]).toMatchObject({ actorId: desk.staffUserId, contactIds: [rosa.contact.id] });
    expect(events[1]!.details).toMatchObject({ sent: 1, tooSoon: 1, sentIds: [lenaFollowUp!.id] });
  });

  it("refuses resends to staff without the permission", async () => {
    await expect(resendResetNotices({ ...desk, role: "NOBODY" as never }, [1])).rejects.toThrow();
  });

  it("computes the home's figures: per day, share within 7 days, median, pending, mail health", async () => {
    const parents = [];
    for (const name of ["Fox", "Gray", "Hill", "Ito"]) parents.push(await parentIn([north], name));
    await reset(desk, parents.map((parent) => parent.links[0]!.id));
    const now = new Date();
    const at = (daysAgo: number, hours = 0) => new Date(now.getTime() - daysAgo * DAY + hours * HOUR);
    // Fox: reset 20 days ago, re-registered 2 days later. Gray: reset 10 days ago, re-registered 9 days later.
    // Hill: reset 12 days ago, still pending. Ito: reset today, still pending.
    const rows = await prisma.parentLoginReset.findMany({ orderBy: { contactId: "asc" } });
    await prisma.parentLoginReset.update({ where: { id: rows[0]!.id }, data: { resetAt: at(20), reregisteredAt: at(18) } });
    await prisma.parentLoginReset.update({ where: { id: rows[1]!.id }, data: { resetAt: at(10), reregisteredAt: at(1) } });
    await prisma.parentAccount.updateMany({ where: { contactId: { in: [parents[0]!.contact.id, parents[1]!.contact.id] } }, data: { status: "ACTIVE" } });
    await prisma.parentLoginReset.update({ where: { id: rows[2]!.id }, data: { resetAt: at(12) } });
    // Outside the window: not counted per day or in the share.
    await prisma.parentLoginReset.create({ data: { contactId: 999, accountId: 999, resetAt: at(45), reregisteredAt: at(44) } });
    await prisma.emailOutbox.updateMany({ where: { toAddress: "fox@example.com" }, data: { attempts: 2 } });
    await prisma.emailOutbox.updateMany({ where: { toAddress: "gray@example.com" }, data: { status: "FAILED" } });

    const stats = await resetFollowUpStats(now);
    expect(stats.days).toHaveLength(30);
    const day = (daysAgo: number) => stats.days.find((entry) => entry.day === at(daysAgo).toISOString().slice(0, 10))!;
    expect(day(20)).toMatchObject({ resets: 1, reregistered: 0 });
    expect(day(18)).toMatchObject({ resets: 0, reregistered: 1 });
    expect(day(0)).toMatchObject({ resets: 1 });
    expect(stats.days.reduce((sum, entry) => sum + entry.resets, 0)).toBe(4);
    expect(stats.days.reduce((sum, entry) => sum + entry.reregistered, 0)).toBe(2);
    expect(stats.withinWeek).toEqual({ reregistered: 1, of: 3 }); // Fox yes; Gray (9 days) and Hill no; Ito's week is not over
    expect(stats.medianHoursToReregister).toBeCloseTo((48 + 216) / 2, 5);
    expect(stats.pending).toBe(2);
    expect(stats.mail).toEqual({ queued: 3, retrying: 1, failed: 1 });
  });
});
