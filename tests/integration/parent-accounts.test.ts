// Resend of the temporary password, the signed-in password change and student accounts,
// against real PostgreSQL.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { hashSecret, verifySecret } from "@/lib/security/password-hash";
import { createAuthSession, loadSessionPrincipal } from "@/lib/auth/auth-session-store";
import { authenticateParent } from "@/lib/accounts/parent-sign-in";
import { registerParent } from "@/lib/accounts/register-parent";
import { resendTemporaryPassword, RESEND_LIMIT } from "@/lib/accounts/resend-temporary-password";
import { changeParentPassword } from "@/lib/accounts/change-parent-password";
import { createStudentAccount } from "@/lib/accounts/create-student-account";
import { loadParentHome } from "@/lib/accounts/linked-children";
import { createParent, createSchool, createStudent } from "../helpers/parent-fixtures";
import { renderQueuedEmail } from "../helpers/render-queued-email";

const IP = "203.0.113.20";
let schoolId: number;
let seq = 0;

const latestTemporaryPassword = async (to: string) => {
  const row = await prisma.emailOutbox.findFirstOrThrow({ where: { toAddress: to, template: "temporary-password" }, orderBy: { id: "desc" } });
  return /^Temporary password: (\S+)$/m.exec((await renderQueuedEmail(row)).text)![1]!;
};

async function family(status: "ACTIVE" | "RESET" | null = "ACTIVE") {
  const n = ++seq;
  const kid = await createStudent(prisma, schoolId, { firstName: "Minh", lastName: `Trần${n}` });
  const username = `tran.thi${n}`;
  const created = await createParent(
    prisma,
    { firstName: "Thị Lan", lastName: `Trần${n}`, account: status ? { username, status, passwordHash: await hashSecret("first password 1") } : undefined },
    [kid.id],
  );
  return { ...created, kid, username, form: { studentId: kid.studentNumber, firstName: "Thị Lan", lastName: `Trần${n}` } };
}

beforeAll(async () => {
  schoolId = (await createSchool(prisma, "Roosevelt Middle")).id;
});
beforeEach(async () => {
  await prisma.rateLimitBucket.deleteMany();
});

describe("resendTemporaryPassword", () => {
  it("replaces a pending account's temporary password; the old one dies", async () => {
    const parent = await family(null);
    await registerParent({ ...parent.form, username: parent.username, studentIds: [parent.form.studentId] }, { ip: IP });
    const old = await latestTemporaryPassword(parent.contact.email!);
    expect(await resendTemporaryPassword(parent.form, { ip: IP })).toEqual({ status: "done" });
    const fresh = await latestTemporaryPassword(parent.contact.email!);
    expect(fresh).not.toBe(old);
    expect(await authenticateParent(parent.username, old, IP)).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticateParent(parent.username, fresh, IP)).toMatchObject({ ok: true, mustChangePassword: true });
  });

  it("answers the same and sends nothing for wrong details or an active account", async () => {
    const active = await family("ACTIVE");
    const before = await prisma.emailOutbox.count();
    expect(await resendTemporaryPassword(active.form, { ip: IP })).toEqual({ status: "done" });
    expect(await resendTemporaryPassword({ ...active.form, firstName: "Lan" }, { ip: "203.0.113.21" })).toEqual({ status: "done" });
    expect(await prisma.emailOutbox.count()).toBe(before);
    expect((await prisma.parentAccount.findUniqueOrThrow({ where: { id: active.account!.id } })).status).toBe("ACTIVE");
  });

  it("is rate limited per IP", async () => {
    const parent = await family(null);
    for (let i = 0; i < RESEND_LIMIT.attempts; i++) await resendTemporaryPassword({ ...parent.form, studentId: `X${i}` }, { ip: "192.0.2.50" });
    expect(await resendTemporaryPassword(parent.form, { ip: "192.0.2.50" })).toMatchObject({ status: "rate_limited", retryAfterMinutes: 60 });
  });
});

describe("changeParentPassword for an active account", () => {
  it("requires the current password, keeps this session and ends the others", async () => {
    const parent = await family("ACTIVE");
    const id = parent.account!.id;
    const mine = await createAuthSession({ parentAccountId: id }, {});
    const other = await createAuthSession({ parentAccountId: id }, {});
    const change = (currentPassword: string | undefined) =>
      changeParentPassword({ parentAccountId: id, sessionId: mine, currentPassword, newPassword: "lighthouse on a hill", ip: IP });
    expect(await change(undefined)).toEqual({ ok: false, reason: "current_password_wrong" });
    expect(await change("wrong")).toEqual({ ok: false, reason: "current_password_wrong" });
    expect(await loadSessionPrincipal(other)).not.toBeNull();
    expect(await change("first password 1")).toMatchObject({ ok: true });
    expect(await loadSessionPrincipal(mine)).not.toBeNull();
    expect(await loadSessionPrincipal(other)).toBeNull();
    expect(await authenticateParent(parent.username, "lighthouse on a hill", IP)).toMatchObject({ ok: true, mustChangePassword: false });
    expect(await prisma.emailOutbox.count({ where: { toAddress: parent.contact.email!, template: "password-changed" } })).toBe(1);
  });
});

describe("student accounts", () => {
  it("a parent creates one for their own child only, with a unique username", async () => {
    const parent = await family("ACTIVE");
    const stranger = await family("ACTIVE");
    const home = await loadParentHome(parent.account!.id);
    expect(home).toMatchObject({ firstName: "Thị Lan", wasReset: false, children: [{ studentId: parent.kid.id, studentAccountUsername: null }] });

    const request = { parentAccountId: parent.account!.id, studentId: parent.kid.id, username: `minh${seq}`, password: "blue bicycle 77", ip: IP };
    expect(await createStudentAccount({ ...request, studentId: stranger.kid.id })).toEqual({ ok: false, reason: "not_your_child" });
    expect(await createStudentAccount({ ...request, password: "123456789" })).toMatchObject({ ok: false, reason: "policy", violations: ["common"] });
    expect(await createStudentAccount(request)).toEqual({ ok: true, username: `minh${seq}` });
    const stored = await prisma.studentAccount.findUniqueOrThrow({ where: { studentId: parent.kid.id } });
    expect(await verifySecret(stored.passwordHash, "blue bicycle 77")).toBe(true);
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);

    const strangerRequest = { ...request, parentAccountId: stranger.account!.id, studentId: stranger.kid.id, username: `MINH${seq}` };
    expect(await createStudentAccount(strangerRequest)).toEqual({ ok: false, reason: "username_taken" });
    expect(await prisma.auditEvent.count({ where: { action: "student-account.create", contactIds: { has: parent.contact.id } } })).toBe(1);
    expect((await loadParentHome(parent.account!.id))!.children[0]!.studentAccountUsername).toBe(`minh${seq}`);
  });

  it("a temporary-password session cannot create one", async () => {
    const parent = await family(null);
    await registerParent({ ...parent.form, username: parent.username, studentIds: [parent.form.studentId] }, { ip: IP });
    const account = await prisma.parentAccount.findUniqueOrThrow({ where: { contactId: parent.contact.id } });
    const result = await createStudentAccount({ parentAccountId: account.id, studentId: parent.kid.id, username: `kid${seq}`, password: "blue bicycle 77", ip: IP });
    expect(result).toEqual({ ok: false, reason: "not_your_child" });
  });
});
