// One rule for every mail that carries a parent-portal credential (temporary password,
// security code, username reminder): never to a district staff address. Registration says so
// (the parent proved who they are); resend and the Forgot flows answer exactly as for an
// unknown person, send nothing, and audit why.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { hashSecret } from "@/lib/security/password-hash";
import { registerParent } from "@/lib/accounts/register-parent";
import { resendTemporaryPassword } from "@/lib/accounts/resend-temporary-password";
import { requestPasswordResetCode } from "@/lib/accounts/recovery/request-reset-code";
import { requestUsernameReminder } from "@/lib/accounts/recovery/forgot-username";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";

const IP = "198.51.100.60";
const STAFF_DOMAIN = "riverside.example.org";
const fast = { minimumMs: 0 }; // timing is the subject of forgot-enumeration.test.ts
let schoolId: number;
let seq = 0;

async function parent(status: "ACTIVE" | "PENDING_PASSWORD_CHANGE" | null, email = `ana.${seq + 1}@mail.${STAFF_DOMAIN}`) {
  const n = ++seq;
  const lastName = `Pérez${n}`;
  const username = `ana.perez${n}`;
  const created = await createParentWithChild(prisma, schoolId, {
    firstName: "Ana",
    lastName,
    email,
    account: status ? { username, status, passwordHash: await hashSecret("first password 1") } : undefined,
  });
  const form = { studentId: created.student.studentNumber, firstName: "Ana", lastName };
  return { ...created, username, email, form };
}

const outbox = (template: string) => prisma.emailOutbox.count({ where: { template } });
const lastAudit = (action: string) => prisma.auditEvent.findFirstOrThrow({ where: { action }, orderBy: { id: "desc" } });

beforeAll(async () => {
  schoolId = (await createSchool(prisma)).id;
  await prisma.districtSettings.upsert({
    where: { id: 1 },
    create: { id: 1, districtName: "Riverside USD", supportPhone: "720-555-0199", supportEmail: `help@${STAFF_DOMAIN}`, senderAddress: `no-reply@${STAFF_DOMAIN}`, staffEmailDomains: [STAFF_DOMAIN] },
    update: { staffEmailDomains: [STAFF_DOMAIN] },
  });
});
beforeEach(async () => {
  await prisma.rateLimitBucket.deleteMany();
  await prisma.emailOutbox.deleteMany();
});

describe("no credential mail to a staff address", () => {
  it("registration: refused with the reason (identity proven), nothing created", async () => {
    const staff = await parent(null);
    expect(await registerParent({ ...staff.form, studentIds: [staff.form.studentId], username: staff.username }, { ip: IP }, fast)).toMatchObject({
      status: "staff_email",
    });
    expect(await prisma.parentAccount.findUnique({ where: { contactId: staff.contact.id } })).toBeNull();
    expect(await outbox("temporary-password")).toBe(0);
  });

  it("resend temporary password: same answer as for a stranger, no mail, audited", async () => {
    const staff = await parent("PENDING_PASSWORD_CHANGE");
    const before = await prisma.parentAccount.findUniqueOrThrow({ where: { contactId: staff.contact.id } });
    const stranger = await resendTemporaryPassword({ ...staff.form, firstName: "Nobody" }, { ip: "198.51.100.61" }, fast);
    expect(await resendTemporaryPassword(staff.form, { ip: IP }, fast)).toEqual(stranger);
    expect(await outbox("temporary-password")).toBe(0);
    expect(await prisma.parentAccount.findUniqueOrThrow({ where: { contactId: staff.contact.id } })).toEqual(before);
    expect(await lastAudit("parent.temporary-password.resend.failed")).toMatchObject({
      contactIds: [staff.contact.id],
      details: { reason: "staff_email_on_record" },
    });

    const personal = await parent("PENDING_PASSWORD_CHANGE", `ana.${seq + 1}@example.com`);
    expect(await resendTemporaryPassword(personal.form, { ip: IP }, fast)).toEqual(stranger);
    expect(await outbox("temporary-password")).toBe(1);
  });

  it("Forgot Password: same answer as for an unknown username, no code, no mail, audited", async () => {
    const staff = await parent("ACTIVE");
    const unknown = await requestPasswordResetCode({ username: "nobody.at.all", ip: IP }, fast);
    expect(await requestPasswordResetCode({ username: staff.username, ip: IP }, fast)).toEqual(unknown);
    expect(await outbox("security-code")).toBe(0);
    expect(await prisma.passwordResetCode.count({ where: { parentAccountId: staff.account!.id } })).toBe(0);
    expect(await lastAudit("parent.password-reset.code-not-sent")).toMatchObject({ contactIds: [staff.contact.id], details: { reason: "staff-email" } });

    const personal = await parent("ACTIVE", `ana.${seq + 1}@example.com`);
    expect(await requestPasswordResetCode({ username: personal.username, ip: IP }, fast)).toEqual(unknown);
    expect(await outbox("security-code")).toBe(1);
  });

  it("Forgot Username: same answer as for an unknown address, no mail, audited", async () => {
    const staff = await parent("ACTIVE");
    const unknown = await requestUsernameReminder({ email: `nobody@${STAFF_DOMAIN}`, ip: IP }, fast);
    expect(await requestUsernameReminder({ email: staff.email.toUpperCase(), ip: IP }, fast)).toEqual(unknown);
    expect(await outbox("forgot-username")).toBe(0);
    expect(await lastAudit("parent.forgot-username")).toMatchObject({ contactIds: [staff.contact.id], details: { accountsMailed: 0, reason: "staff-email" } });

    const personal = await parent("ACTIVE", `ana.${seq + 1}@example.com`);
    expect(await requestUsernameReminder({ email: personal.email, ip: IP }, fast)).toEqual(unknown);
    expect(await outbox("forgot-username")).toBe(1);
  });
});
