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

  it("writes nothing when nothing changed", async () => {
    expect(await updateDistrictSettings(admin, districtSettingsSchema.parse(await formOf()))).toEqual({ changed: [] });
    expect(await prisma.auditEvent.count()).toBe(0);
  });
});
