import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { districtSettingsSchema } from "@/lib/settings/district-settings-schema";
import { updateDistrictSettings } from "@/lib/settings/update-district-settings";
import type { StaffActor } from "@/lib/staff/staff-actor";

const admin: StaffActor = { staffUserId: 1, email: "admin@riverside.example.org", role: "SITE_ADMIN", ip: "192.0.2.1" };

beforeEach(async () => {
  await prisma.auditEvent.deleteMany();
  await prisma.districtSettings.deleteMany();
});

async function formOf() {
  const current = await getDistrictSettings();
  return {
    districtName: current.districtName,
    portalName: current.portalName,
    supportPhone: current.supportPhone,
    supportEmail: current.supportEmail,
    senderAddress: current.senderAddress,
    staffEmailDomains: current.staffEmailDomains.join("\n"),
    parentPasswordMinLength: String(current.parentPasswordMinLength),
    staffPassphraseMinLength: String(current.staffPassphraseMinLength),
    tempPasswordTtlHours: String(current.tempPasswordTtlHours),
    bulkResetCap: String(current.bulkResetCap),
    helpDeskResetCap: String(current.helpDeskResetCap),
    helpDeskResetsPerHour: String(current.helpDeskResetsPerHour),
    expiredRecordRetentionDays: String(current.expiredRecordRetentionDays),
    failedAttemptDataRetentionDays: String(current.failedAttemptDataRetentionDays),
    auditRetentionDays: String(current.auditRetentionDays),
    rosterStudentIdSource: current.rosterStudentIdSource,
    rosterRemovalGuardPercent: String(current.rosterRemovalGuardPercent),
    rosterRemovalGraceDays: String(current.rosterRemovalGraceDays),
    rosterUploadMaxMb: String(current.rosterUploadMaxMb),
    staffSecurityQuestionsEnabled: current.staffSecurityQuestionsEnabled ? "on" : "",
    staffSecurityInfoReconfirmDays: String(current.staffSecurityInfoReconfirmDays),
    mfaRequiredForHelpDesk: current.mfaRequiredForHelpDesk ? "on" : "off",
    mfaRememberDays: String(current.mfaRememberDays),
    callerVerificationMethods: current.callerVerificationMethods.join("\n"),
    callerVerificationRequired: current.callerVerificationRequired ? "on" : "off",
  };
}

describe("updateDistrictSettings", () => {
  it("saves parsed values and audits only changed fields with before and after", async () => {
    const form = { ...(await formOf()), supportPhone: "555-0199", staffEmailDomains: "Riverside.example.org, staff.example.net", bulkResetCap: "500" };
    const before = await getDistrictSettings();
    const result = await updateDistrictSettings(admin, districtSettingsSchema.parse(form));
    expect(result.changed.sort()).toEqual(["bulkResetCap", "staffEmailDomains", "supportPhone"]);
    expect(await getDistrictSettings()).toMatchObject({
      supportPhone: "555-0199",
      staffEmailDomains: ["riverside.example.org", "staff.example.net"],
      bulkResetCap: 500,
    });
    const events = await prisma.auditEvent.findMany();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "settings.update", actorId: 1, actorLabel: admin.email });
    expect(events[0]!.details).toEqual({
      changes: {
        supportPhone: { before: before.supportPhone, after: "555-0199" },
        staffEmailDomains: { before: before.staffEmailDomains, after: ["riverside.example.org", "staff.example.net"] },
        bulkResetCap: { before: 10000, after: 500 },
      },
    });
  });

  it("starts with the documented reset limits and retention, and saves and audits changes to them", async () => {
    expect(await getDistrictSettings()).toMatchObject({
      helpDeskResetCap: 25,
      helpDeskResetsPerHour: 200,
      expiredRecordRetentionDays: 7,
      failedAttemptDataRetentionDays: 90,
      auditRetentionDays: 730,
    });
    const form = { ...(await formOf()), helpDeskResetCap: "10", helpDeskResetsPerHour: "50", auditRetentionDays: "365" };
    expect((await updateDistrictSettings(admin, districtSettingsSchema.parse(form))).changed.sort()).toEqual([
      "auditRetentionDays",
      "helpDeskResetCap",
      "helpDeskResetsPerHour",
    ]);
    const [event] = await prisma.auditEvent.findMany();
    expect(event!.details).toMatchObject({ changes: { helpDeskResetCap: { before: 25, after: 10 }, auditRetentionDays: { before: 730, after: 365 } } });
    // A cap above the hourly budget, or typed data kept longer than the events, is refused on its field.
    const bad = districtSettingsSchema.safeParse({ ...form, helpDeskResetCap: "60", failedAttemptDataRetentionDays: "400" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((issue) => issue.path[0]).sort()).toEqual(["failedAttemptDataRetentionDays", "helpDeskResetCap"]);
  });

  it("starts with the documented roster import settings, and saves and audits changes to them", async () => {
    expect(await getDistrictSettings()).toMatchObject({
      rosterStudentIdSource: "identifier",
      rosterRemovalGuardPercent: 10,
      rosterRemovalGraceDays: 30,
      rosterUploadMaxMb: 500,
    });
    const form = { ...(await formOf()), rosterStudentIdSource: "userIds:Local", rosterRemovalGuardPercent: "25", rosterRemovalGraceDays: "0", rosterUploadMaxMb: "50" };
    expect((await updateDistrictSettings(admin, districtSettingsSchema.parse(form))).changed.sort()).toEqual([
      "rosterRemovalGraceDays",
      "rosterRemovalGuardPercent",
      "rosterStudentIdSource",
      "rosterUploadMaxMb",
    ]);
    expect(await getDistrictSettings()).toMatchObject({ rosterStudentIdSource: "userIds:Local", rosterRemovalGuardPercent: 25, rosterRemovalGraceDays: 0, rosterUploadMaxMb: 50 });
    const [event] = await prisma.auditEvent.findMany();
    expect(event!.details).toMatchObject({ changes: { rosterStudentIdSource: { before: "identifier", after: "userIds:Local" }, rosterUploadMaxMb: { before: 500, after: 50 } } });
  });

  it("starts with security questions on and a 180-day re-confirm interval, and saves and audits both (an unticked box is off)", async () => {
    expect(await getDistrictSettings()).toMatchObject({ staffSecurityQuestionsEnabled: true, staffSecurityInfoReconfirmDays: 180 });
    const form = { ...(await formOf()), staffSecurityQuestionsEnabled: "", staffSecurityInfoReconfirmDays: "90" };
    expect((await updateDistrictSettings(admin, districtSettingsSchema.parse(form))).changed.sort()).toEqual(["staffSecurityInfoReconfirmDays", "staffSecurityQuestionsEnabled"]);
    expect(await getDistrictSettings()).toMatchObject({ staffSecurityQuestionsEnabled: false, staffSecurityInfoReconfirmDays: 90 });
    const [event] = await prisma.auditEvent.findMany();
    expect(event!.details).toMatchObject({ changes: { staffSecurityQuestionsEnabled: { before: true, after: false }, staffSecurityInfoReconfirmDays: { before: 180, after: 90 } } });
    expect(districtSettingsSchema.safeParse({ ...form, staffSecurityInfoReconfirmDays: "29" }).success).toBe(false);
  });

  it("writes nothing when nothing changed", async () => {
    expect(await updateDistrictSettings(admin, districtSettingsSchema.parse(await formOf()))).toEqual({ changed: [] });
    expect(await prisma.auditEvent.count()).toBe(0);
  });

  it("starts with two-step sign-in required for help desk and 5 remembered days, and saves and audits changes to them", async () => {
    expect(await getDistrictSettings()).toMatchObject({ mfaRequiredForHelpDesk: true, mfaRememberDays: 5 });
    const form = { ...(await formOf()), mfaRequiredForHelpDesk: "off", mfaRememberDays: "0" };
    expect((await updateDistrictSettings(admin, districtSettingsSchema.parse(form))).changed.sort()).toEqual(["mfaRememberDays", "mfaRequiredForHelpDesk"]);
    expect(await getDistrictSettings()).toMatchObject({ mfaRequiredForHelpDesk: false, mfaRememberDays: 0 });
    expect(districtSettingsSchema.safeParse({ ...form, mfaRememberDays: "31" }).success).toBe(false);
    expect(districtSettingsSchema.safeParse({ ...form, mfaRequiredForHelpDesk: "maybe" }).success).toBe(false);
  });

  it("saves the caller verification checklist (one a line, trimmed, de-duplicated) and whether help desk must use it", async () => {
    const before = await getDistrictSettings();
    expect(before.callerVerificationMethods).toHaveLength(4);
    expect(before.callerVerificationMethods[0]).toBe("Caller gave the child's student ID and school");
    expect(before.callerVerificationRequired).toBe(true);
    const form = { ...(await formOf()), callerVerificationMethods: "  Called back  the number on record \n\nSecurity word on file\nSecurity word on file", callerVerificationRequired: "off" };
    expect((await updateDistrictSettings(admin, districtSettingsSchema.parse(form))).changed.sort()).toEqual(["callerVerificationMethods", "callerVerificationRequired"]);
    expect(await getDistrictSettings()).toMatchObject({
      callerVerificationMethods: ["Called back the number on record", "Security word on file"],
      callerVerificationRequired: false,
    });
    expect(districtSettingsSchema.safeParse({ ...form, callerVerificationMethods: " \n " }).success).toBe(false);
    expect(districtSettingsSchema.safeParse({ ...form, callerVerificationMethods: Array.from({ length: 13 }, (_, i) => `Way ${i}`).join("\n") }).success).toBe(false);
  });
});
