// Issue 9, item 7 on a real database: what a site admin sees of a staff member's recovery
// set-up (masks only), the actions (require re-registration, remove a method, clear a
// self-service block), each audited and announced, and the weekly usage report.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { ForbiddenError } from "@/lib/auth/permissions";
import { ActionFailure } from "@/lib/actions/action-result";
import { createAuthSession, loadSessionPrincipal } from "@/lib/auth/auth-session-store";
import { clearSelfServiceBlockByAdmin, removeStaffMethodByAdmin, requireReregistrationByAdmin, resetSecondFactorByAdmin } from "@/lib/staff/manage-staff-security";
import { loadStaffMfaStatus } from "@/lib/staff-auth/mfa/staff-mfa-status";
import { loadStaffSecurityOverview } from "@/lib/staff/staff-security-overview";
import { selfServiceUsageReport } from "@/lib/staff/self-service-usage-report";
import type { StaffActor } from "@/lib/staff/staff-actor";
import { nextStaffSetupStep } from "@/lib/staff-auth/staff-setup-step";
import { startStaffRecoveryFlow } from "@/lib/staff-auth/recovery/start-staff-recovery";
import { checkRecoveryGate } from "@/lib/staff-auth/recovery/check-recovery-gate";
import { createRecoverableStaff, type StaffFixture } from "../helpers/staff-recovery-fixtures";

let admin: StaffActor;
let desk: StaffFixture;

const actions = async () => (await prisma.auditEvent.findMany({ orderBy: { id: "asc" } })).map((event) => event.action);

beforeEach(async () => {
  await prisma.rateLimitBucket.deleteMany();
  await prisma.emailOutbox.deleteMany();
  await prisma.smsOutbox.deleteMany();
  await prisma.auditEvent.deleteMany();
  await prisma.staffUser.deleteMany();
  const adminRow = await createRecoverableStaff({ email: "ada.min@district.example.org", role: "SITE_ADMIN", totp: true });
  admin = { staffUserId: adminRow.id, email: adminRow.email, role: "SITE_ADMIN", ip: "192.0.2.3" };
  desk = await createRecoverableStaff({ email: "des.k@district.example.org", questions: true, totp: true, recoveryCodes: true });
});

describe("what a site admin sees", () => {
  it("methods masked, MFA, last sign-in and passphrase change, the block; never a value or an answer", async () => {
    await prisma.staffUser.update({ where: { id: desk.id }, data: { passphraseChangedAt: new Date("2026-11-01T10:00:00Z"), selfServiceBlockedUntil: new Date(Date.now() + 3_600_000), selfServiceBlockReason: "failed-proofs" } });
    const overview = (await loadStaffSecurityOverview(desk.id))!;
    expect(overview).toMatchObject({
      phone: "+1 ••• ••• ••11",
      altEmail: expect.stringContaining("***"),
      questions: 3,
      mfa: { on: true, totp: true, passkeys: 0, recoveryCodesLeft: 10 },
      passphraseChangedAt: new Date("2026-11-01T10:00:00Z"),
      selfServiceBlock: { reason: "failed-proofs" },
      reregistrationRequired: false,
    });
    expect(overview.lastSignInAt).not.toBeNull();
    const shown = JSON.stringify(overview);
    expect(shown).not.toContain(desk.phone);
    expect(shown).not.toContain(desk.altEmail);
    expect(shown).not.toContain("Portland");
  });
});

describe("site admin actions", () => {
  it("require re-registration: the person must register again at next sign-in; audited and announced", async () => {
    const user = await prisma.staffUser.findUniqueOrThrow({ where: { id: desk.id } });
    expect(await nextStaffSetupStep(user)).toBeNull();
    await requireReregistrationByAdmin(admin, desk.id);
    expect(await nextStaffSetupStep(user)).toBe("register-security-info");
    expect((await loadStaffSecurityOverview(desk.id))!.reregistrationRequired).toBe(true);
    expect(await actions()).toContain("staff.security-info.reregistration-required");
    expect(await prisma.emailOutbox.count({ where: { toAddress: desk.email, template: "staff-security-notice" } })).toBe(1);
  });

  it("remove a method: gone, audited, the person told through the other channels", async () => {
    await removeStaffMethodByAdmin(admin, desk.id, "phone");
    expect((await loadStaffSecurityOverview(desk.id))!.phone).toBeNull();
    expect(await actions()).toContain("staff.security-info.method-removed-by-admin");
    expect(await prisma.smsOutbox.count()).toBe(0); // not through the channel removed
    expect((await prisma.emailOutbox.findMany({ where: { template: "staff-security-notice" } })).map((m) => m.toAddress).sort()).toEqual([desk.altEmail, desk.email].sort());
    await expect(removeStaffMethodByAdmin(admin, desk.id, "phone")).rejects.toBeInstanceOf(ActionFailure);
  });

  it("clear a self-service block: the person can start again; audited", async () => {
    for (let i = 0; i < 5; i++) {
      const started = await startStaffRecoveryFlow({ userId: desk.email, ip: "198.51.100.1" }, { minimumMs: 0 });
      if (started.status !== "started") throw new Error("not started");
      await checkRecoveryGate({ token: started.token, ip: "198.51.100.1", proof: { gate: "sms", code: "000000" } }, { minimumMs: 0 });
    }
    expect((await loadStaffSecurityOverview(desk.id))!.selfServiceBlock).not.toBeNull();
    expect(await clearSelfServiceBlockByAdmin(admin, desk.id)).toEqual({ wasBlocked: true, secondStepWasPaused: false });
    expect((await loadStaffSecurityOverview(desk.id))!.selfServiceBlock).toBeNull();
    expect(await prisma.rateLimitBucket.count({ where: { key: `staff-recovery:failed:${desk.id}` } })).toBe(0);
    expect(await actions()).toContain("staff.self-service.block-cleared");
    const report = await selfServiceUsageReport(2);
    expect(report[0]).toMatchObject({ failures: 5, blocks: 1, resets: 0 });
    expect(report).toHaveLength(2);
  });

  it("reset two-step sign-in: authenticator and recovery codes gone, sessions ended, told; the next sign-in must bind a new one", async () => {
    const session = await createAuthSession({ staffUserId: desk.id }, { ip: "192.0.2.9" });
    expect(await loadStaffMfaStatus(prisma, desk.id)).toMatchObject({ totp: true });
    await resetSecondFactorByAdmin(admin, desk.id);
    expect(await loadStaffMfaStatus(prisma, desk.id)).toEqual({ totp: false, passkeys: 0, recoveryCodesLeft: 0 });
    expect(await loadSessionPrincipal(session)).toBeNull();
    const user = await prisma.staffUser.findUniqueOrThrow({ where: { id: desk.id } });
    // Two-step sign-in is required for help desk by default: the passphrase alone opens only enrolment.
    expect(await nextStaffSetupStep(user)).toBe("enrol-second-factor");
    expect(await actions()).toContain("staff.mfa.reset-by-admin");
    expect((await prisma.emailOutbox.findMany({ where: { template: "staff-security-notice" } })).map((m) => m.toAddress).sort()).toEqual([desk.altEmail, desk.email].sort());
    await expect(resetSecondFactorByAdmin(admin, desk.id)).rejects.toMatchObject({ code: "invalid" });
    await expect(resetSecondFactorByAdmin(admin, admin.staffUserId)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("only site admins, and never on their own account", async () => {
    const helpDesk: StaffActor = { staffUserId: desk.id, email: desk.email, role: "HELP_DESK", ip: "192.0.2.4" };
    await expect(requireReregistrationByAdmin(helpDesk, admin.staffUserId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(removeStaffMethodByAdmin(helpDesk, admin.staffUserId, "phone")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(clearSelfServiceBlockByAdmin(helpDesk, admin.staffUserId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(resetSecondFactorByAdmin(helpDesk, admin.staffUserId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(removeStaffMethodByAdmin(admin, admin.staffUserId, "phone")).rejects.toMatchObject({ code: "forbidden" });
    expect(await actions()).toEqual([]);
  });
});
