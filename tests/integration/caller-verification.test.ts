// Caller verification recorded with each reset: required for help desk by the district's
// setting, checked against the district's checklist, a reason for a site admin's bulk reset,
// stored in the audit event, filterable and exported.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { callerVerificationSchema, DEFAULT_VERIFICATION_METHODS } from "@/lib/parents/caller-verification";
import { resetParentLogins } from "@/lib/parents/reset-parent-logins";
import { auditEventsCsv } from "@/lib/audit/audit-events-csv";
import { filtersFromParams, parseAuditSearchParams } from "@/lib/audit/audit-search-params";
import { searchAuditEvents } from "@/lib/audit/search-audit-events";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";

const [STUDENT_ID_AND_SCHOOL, CALLED_BACK] = DEFAULT_VERIFICATION_METHODS as [string, string];
let schoolId: number;
let desk: { staffUserId: number; label: string; ip: string };
let admin: { staffUserId: number; label: string; ip: string };

beforeEach(async () => {
  await prisma.$executeRawUnsafe(`TRUNCATE "StudentContact", "ParentAccount", "Contact", "Student", "School", "AuthSession",
    "EmailOutbox", "AuditEvent", "StaffUser", "StudentAccount", "PasswordResetCode", "ParentLoginReset", "DistrictSettings" RESTART IDENTITY CASCADE`);
  schoolId = (await createSchool(prisma)).id;
  const deskUser = await prisma.staffUser.create({ data: { email: "agent@district.org", name: "Agent", role: "HELP_DESK", passwordHash: "x" } });
  const adminUser = await prisma.staffUser.create({ data: { email: "admin@district.org", name: "Admin", role: "SITE_ADMIN", passwordHash: "x" } });
  desk = { staffUserId: deskUser.id, label: deskUser.email, ip: "203.0.113.9" };
  admin = { staffUserId: adminUser.id, label: adminUser.email, ip: "203.0.113.10" };
});

async function parentWithLogin(username: string) {
  return createParentWithChild(prisma, schoolId, { firstName: "Ana", lastName: username, email: `${username}@example.com`, account: { username } });
}

const verification = (input: unknown) => callerVerificationSchema.parse(input);

describe("caller verification on resets", () => {
  it("refuses a help-desk reset with nothing ticked, changing nothing, then records the ticks and the ticket", async () => {
    const parent = await parentWithLogin("ana1");
    await expect(resetParentLogins({ linkIds: [parent.links[0]!.id], actor: desk, verification: verification({}) })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { "verification.methods": ["Tick how the caller was verified."] },
    });
    expect((await prisma.parentAccount.findUniqueOrThrow({ where: { id: parent.account!.id } })).status).toBe("ACTIVE");
    expect(await prisma.auditEvent.count({ where: { action: "parent.reset" } })).toBe(0);
    expect(await prisma.parentLoginReset.count()).toBe(0);

    const given = verification({ methods: [CALLED_BACK, CALLED_BACK], ticket: "  INC-4521 ", reason: "" });
    await resetParentLogins({ linkIds: [parent.links[0]!.id], actor: desk, verification: given });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "parent.reset" } });
    expect((event.details as Record<string, unknown>).verification).toEqual({ methods: [CALLED_BACK], ticket: "INC-4521" });
  });

  it("refuses a method that is not on the district's checklist and a malformed ticket", async () => {
    const parent = await parentWithLogin("ana2");
    await expect(
      resetParentLogins({ linkIds: [parent.links[0]!.id], actor: desk, verification: verification({ methods: ["Sounded friendly"] }) }),
    ).rejects.toMatchObject({ code: "invalid" });
    expect(callerVerificationSchema.safeParse({ methods: [CALLED_BACK], ticket: "<script>" }).success).toBe(false);
    expect(callerVerificationSchema.safeParse({ methods: [CALLED_BACK], ticket: "x".repeat(65) }).success).toBe(false);
  });

  it("follows the district's checklist and requirement as edited in Settings", async () => {
    await prisma.districtSettings.create({
      data: { id: 1, districtName: "D", supportPhone: "1", supportEmail: "s@d.org", senderAddress: "n@d.org", callerVerificationMethods: ["Security word on file"], callerVerificationRequired: false },
    });
    const [one, two] = [await parentWithLogin("ana3"), await parentWithLogin("ana4")];
    // Off: help desk may reset without a tick; the empty checklist is still recorded.
    await resetParentLogins({ linkIds: [one.links[0]!.id], actor: desk, verification: verification({}) });
    // The old defaults are no longer on the list.
    await expect(resetParentLogins({ linkIds: [two.links[0]!.id], actor: desk, verification: verification({ methods: [CALLED_BACK] }) })).rejects.toMatchObject({ code: "invalid" });
    await resetParentLogins({ linkIds: [two.links[0]!.id], actor: desk, verification: verification({ methods: ["Security word on file"] }) });
    const events = await prisma.auditEvent.findMany({ where: { action: "parent.reset" }, orderBy: { id: "asc" } });
    expect(events.map((event) => (event.details as Record<string, unknown>).verification)).toEqual([{ methods: [] }, { methods: ["Security word on file"] }]);
  });

  it("needs a reason for a site admin's reset of more than one parent, not for one parent", async () => {
    const [one, two, three] = [await parentWithLogin("ana5"), await parentWithLogin("ana6"), await parentWithLogin("ana7")];
    const bulk = [one.links[0]!.id, two.links[0]!.id];
    await expect(resetParentLogins({ linkIds: bulk, actor: admin, verification: verification({ reason: "   " }) })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { "verification.reason": ["Give the reason for this bulk reset (e.g. an incident number)."] },
    });
    await resetParentLogins({ linkIds: bulk, actor: admin, verification: verification({ reason: "Incident 2026-114: phishing wave" }) });
    await resetParentLogins({ linkIds: [three.links[0]!.id], actor: admin, verification: verification({}) });
    const events = await prisma.auditEvent.findMany({ where: { action: "parent.reset" }, orderBy: { id: "asc" } });
    expect(events.map((event) => (event.details as Record<string, unknown>).verification)).toEqual([
      { methods: [], reason: "Incident 2026-114: phishing wave" },
      { methods: [] },
    ]);
  });

  it("filters the audit trail by verification method, by none recorded and by ticket, and exports them", async () => {
    const [one, two, three] = [await parentWithLogin("ana8"), await parentWithLogin("ana9"), await parentWithLogin("ana10")];
    await resetParentLogins({ linkIds: [one.links[0]!.id], actor: desk, verification: verification({ methods: [STUDENT_ID_AND_SCHOOL], ticket: "T-1" }) });
    await resetParentLogins({ linkIds: [two.links[0]!.id], actor: desk, verification: verification({ methods: [CALLED_BACK, STUDENT_ID_AND_SCHOOL] }) });
    await resetParentLogins({ linkIds: [three.links[0]!.id], actor: admin, verification: verification({}) });
    const contactsOf = async (raw: Record<string, string>) =>
      (await searchAuditEvents(filtersFromParams(parseAuditSearchParams(raw).params), { size: 50 })).rows.map((row) => row.contactIds[0]);
    expect(await contactsOf({ verified: STUDENT_ID_AND_SCHOOL })).toEqual([two.contact.id, one.contact.id]);
    expect(await contactsOf({ verified: CALLED_BACK })).toEqual([two.contact.id]);
    expect(await contactsOf({ verified: "none" })).toEqual([three.contact.id]);
    expect(await contactsOf({ ticket: "T-1" })).toEqual([one.contact.id]);
    expect(await contactsOf({ ticket: "T-2" })).toEqual([]);

    let csv = "";
    for await (const chunk of auditEventsCsv({ action: "parent.reset" })) csv += chunk;
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]!.endsWith(",caller_verification,ticket,reason,request_id")).toBe(true);
    expect(lines.at(-1)!.endsWith(`,${STUDENT_ID_AND_SCHOOL},T-1,,`)).toBe(true);
    expect(lines[1]!.endsWith(",,,,")).toBe(true);
  });
});
