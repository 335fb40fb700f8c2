import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { ActionFailure } from "@/lib/actions/action-result";
import { hasPermission } from "@/lib/auth/permissions";
import { previewReset } from "@/lib/parents/preview-reset";
import { resetParentLogins } from "@/lib/parents/reset-parent-logins";
import { resetSelectionSchema, resolveResetSelection } from "@/lib/parents/reset-selection";
import { createParent, createParentWithChild, createSchool, createStudent } from "../helpers/parent-fixtures";
import { renderQueuedEmail } from "../helpers/render-queued-email";

let schoolId: number;
let actor: { staffUserId: number; label: string; ip: string };

beforeEach(async () => {
  await prisma.$executeRawUnsafe(`TRUNCATE "StudentContact", "ParentAccount", "Contact", "Student", "School", "AuthSession",
    "EmailOutbox", "AuditEvent", "StaffUser", "StudentAccount", "PasswordResetCode" RESTART IDENTITY CASCADE`);
  schoolId = (await createSchool(prisma)).id;
  const staff = await prisma.staffUser.create({ data: { email: "agent@district.org", name: "Agent", role: "HELP_DESK", passwordHash: "x" } });
  actor = { staffUserId: staff.id, label: staff.email, ip: "203.0.113.9" };
});

async function familyWithTwoChildren() {
  const kids = [await createStudent(prisma, schoolId), await createStudent(prisma, schoolId)];
  const parent = await createParent(
    prisma,
    { firstName: "María", lastName: "García", email: "maria@example.com", preferredLocale: "es", account: { username: "mgarcia" } },
    kids.map((kid) => kid.id),
  );
  await prisma.authSession.create({ data: { id: "s-maria", parentAccountId: parent.account!.id, expiresAt: new Date(Date.now() + 3600_000) } });
  await prisma.passwordResetCode.create({ data: { parentAccountId: parent.account!.id, codeHash: "h", expiresAt: new Date(Date.now() + 900_000) } });
  await prisma.studentAccount.create({
    data: { studentId: kids[0]!.id, username: "kid1", usernameKey: "kid1", passwordHash: "h", createdByAccountId: parent.account!.id },
  });
  return parent;
}

describe("resetParentLogins", () => {
  it("resets the login, ends sessions, marks the row, queues a notice and audits, in one go", async () => {
    const maria = await familyWithTwoChildren();
    const outcome = await resetParentLogins({ linkIds: [maria.links[0]!.id, maria.links[0]!.id], actor });
    expect(outcome).toMatchObject({ resetRows: 1, resetLogins: 1, alreadyReset: 0, noAccount: 0, emailsQueued: 1, sessionsEnded: 1, studentAccountsRemoved: 1 });

    const account = await prisma.parentAccount.findUniqueOrThrow({ where: { id: maria.account!.id } });
    expect(account).toMatchObject({ status: "RESET", passwordHash: null, failedAttempts: 0, tempPasswordExpiresAt: null });
    expect(account.resetAt).toBeInstanceOf(Date);
    expect(await prisma.authSession.count({ where: { parentAccountId: account.id } })).toBe(0);
    expect(await prisma.passwordResetCode.count({ where: { parentAccountId: account.id, supersededAt: null } })).toBe(0);

    const links = await prisma.studentContactLoginKey.findMany({ where: { id: { in: maria.links.map((link) => link.id) } }, orderBy: { id: "asc" } });
    expect(links[0]).toMatchObject({ resetById: actor.staffUserId, sortStatus: links[1]!.sortStatus });
    expect(links[0]!.resetAt).toBeInstanceOf(Date);
    expect(links[1]).toMatchObject({ resetAt: null, resetById: null }); // not selected, but its status key follows the login

    const [mail] = await prisma.emailOutbox.findMany();
    expect(mail).toMatchObject({ toAddress: "maria@example.com", template: "login-reset-notice", locale: "es", status: "PENDING" });
    expect(mail!.params).toEqual({ parentName: "María García", username: "mgarcia" });
    const { text } = await renderQueuedEmail(mail!);
    expect(text.indexOf("restableció")).toBeLessThan(text.indexOf("reset your"));
    expect(text).toContain("/create-account");

    const [event] = await prisma.auditEvent.findMany({ where: { action: "parent.reset" } });
    expect(event).toMatchObject({ actorType: "STAFF", actorId: actor.staffUserId, actorLabel: actor.label, ip: actor.ip, contactIds: [maria.contact.id] });
    expect(event!.details).toMatchObject({ linkIds: [maria.links[0]!.id], resetLogins: 1 });
  });

  it("includes the parent's other child rows when asked", async () => {
    const maria = await familyWithTwoChildren();
    const preview = await previewReset([maria.links[0]!.id]);
    expect(preview).toMatchObject({ rows: 1, parents: 1, logins: 1, otherRows: { count: 1, parents: 1 } });
    expect(preview.otherRows.sample[0]).toMatchObject({ linkId: maria.links[1]!.id, parentName: "María García" });

    const outcome = await resetParentLogins({ linkIds: [maria.links[0]!.id], actor, includeOtherRowsOfSameParents: true });
    expect(outcome).toMatchObject({ resetRows: 2, resetLogins: 1, emailsQueued: 1 });
    expect(await prisma.studentContactLoginKey.count({ where: { id: { in: maria.links.map((link) => link.id) }, resetAt: { not: null } } })).toBe(2);
  });

  it("reports already-reset logins and contacts without a login instead of failing", async () => {
    const reset = await createParentWithChild(prisma, schoolId, { firstName: "José", lastName: "Garcia", account: { username: "jg", status: "RESET" } });
    const none = await createParentWithChild(prisma, schoolId, { firstName: "Ana", lastName: "Garcés" });
    const active = await createParentWithChild(prisma, schoolId, { firstName: "Luz", lastName: "Garza", email: null, account: { username: "lg" } });
    const preview = await previewReset([reset.link.id, none.link.id, active.link.id]);
    expect(preview).toMatchObject({ rows: 3, parents: 3, logins: 1, alreadyReset: 1, noAccount: 1 });

    const outcome = await resetParentLogins({ linkIds: [reset.link.id, none.link.id, active.link.id, 999_999], actor });
    expect(outcome).toMatchObject({ resetLogins: 1, resetRows: 1, alreadyReset: 1, noAccount: 1, noEmail: 1, emailsQueued: 0, notFound: 1 });
    expect(await prisma.studentContactLoginKey.findUniqueOrThrow({ where: { id: reset.link.id } })).toMatchObject({ resetAt: null });

    // Running it again changes nothing and says so.
    const again = await resetParentLogins({ linkIds: [active.link.id], actor });
    expect(again).toMatchObject({ resetLogins: 0, alreadyReset: 1 });
    expect(await prisma.auditEvent.count({ where: { action: "parent.reset" } })).toBe(2);
  });

  for (const [table, failing] of [
    ["AuditEvent", "the audit insert"],
    ["EmailOutbox", "the outbox insert"],
  ] as const) {
    it(`changes nothing when ${failing} fails mid-transaction`, async () => {
      const maria = await familyWithTwoChildren();
      const other = await createParentWithChild(prisma, schoolId, { firstName: "Hoa", lastName: "Nguyễn", account: { username: "hoa" } });
      const before = await snapshot();
      await prisma.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION fail_insert() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql`);
      await prisma.$executeRawUnsafe(`CREATE TRIGGER fail_insert BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION fail_insert()`);
      try {
        await expect(
          resetParentLogins({ linkIds: [maria.links[0]!.id, other.link.id], actor, includeOtherRowsOfSameParents: true }),
        ).rejects.toThrow(/injected failure/);
      } finally {
        await prisma.$executeRawUnsafe(`DROP TRIGGER fail_insert ON "${table}"`);
      }
      expect(await snapshot()).toEqual(before);
      expect((await prisma.parentAccount.findMany()).every((account) => account.status === "ACTIVE")).toBe(true);
    });
  }
});

async function snapshot() {
  const [accounts, links, sessions, codes, students, outbox, audit] = await Promise.all([
    prisma.parentAccount.findMany({ orderBy: { id: "asc" } }),
    prisma.studentContact.findMany({ orderBy: { id: "asc" } }),
    prisma.authSession.count(),
    prisma.passwordResetCode.findMany({ orderBy: { id: "asc" } }),
    prisma.studentAccount.count(),
    prisma.emailOutbox.count(),
    prisma.auditEvent.count(),
  ]);
  return { accounts, links, sessions, codes, students, outbox, audit };
}

describe("who may reset what", () => {
  it("lets both roles reset picked rows and search, only site admins bulk-reset", () => {
    expect(hasPermission("HELP_DESK", "parents:reset")).toBe(true);
    expect(hasPermission("HELP_DESK", "parents:search")).toBe(true);
    expect(hasPermission("HELP_DESK", "parents:bulk-reset")).toBe(false);
    expect(hasPermission("SITE_ADMIN", "parents:bulk-reset")).toBe(true);
  });

  it("refuses 'all matching' for help desk before touching anything", async () => {
    await createParentWithChild(prisma, schoolId, { firstName: "A", lastName: "Garcia", account: { username: "a" } });
    const selection = resetSelectionSchema.parse({ kind: "matching", search: { q: "garc", letter: "all" } });
    await expect(resolveResetSelection(selection, "HELP_DESK")).rejects.toMatchObject({ code: "forbidden" });
    await expect(resolveResetSelection(selection, "SITE_ADMIN")).resolves.toHaveLength(1);
  });

  it("caps 'all matching' at the district's bulk reset cap", async () => {
    await prisma.districtSettings.upsert({
      where: { id: 1 },
      create: { id: 1, districtName: "D", supportPhone: "1", supportEmail: "s@d.org", senderAddress: "n@d.org", bulkResetCap: 2 },
      update: { bulkResetCap: 2 },
    });
    for (const name of ["Kim", "Kimura", "Kimball"]) {
      await createParentWithChild(prisma, schoolId, { firstName: "X", lastName: name, account: { username: name } });
    }
    const tooMany = resetSelectionSchema.parse({ kind: "matching", search: { q: "kim", letter: "all" } });
    const error = await resolveResetSelection(tooMany, "SITE_ADMIN").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionFailure);
    expect((error as ActionFailure).message).toMatch(/More than 2 rows/);
    const ok = resetSelectionSchema.parse({ kind: "matching", search: { q: "kimb", letter: "all" } });
    expect(await resolveResetSelection(ok, "SITE_ADMIN")).toHaveLength(1);
  });

  it("validates selections strictly: caps ids, de-duplicates, rejects a malformed bulk search", () => {
    expect(resetSelectionSchema.parse({ kind: "ids", linkIds: [3, 3, 4] })).toEqual({ kind: "ids", linkIds: [3, 4] });
    expect(resetSelectionSchema.safeParse({ kind: "ids", linkIds: [] }).success).toBe(false);
    expect(resetSelectionSchema.safeParse({ kind: "ids", linkIds: Array.from({ length: 201 }, (_, i) => i + 1) }).success).toBe(false);
    expect(resetSelectionSchema.safeParse({ kind: "ids", linkIds: [1.5] }).success).toBe(false);
    expect(resetSelectionSchema.safeParse({ kind: "matching", search: { q: "", letter: "zz" } }).success).toBe(false);
  });
});
