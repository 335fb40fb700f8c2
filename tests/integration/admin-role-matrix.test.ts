// A help-desk principal is refused by every site-admin domain function, and nothing changes.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { ForbiddenError, hasPermission, PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { createAuthSession } from "@/lib/auth/auth-session-store";
import { createStaffUser } from "@/lib/staff/create-staff-user";
import { setStaffUserDisabled } from "@/lib/staff/set-staff-user-disabled";
import { changeStaffUserRole } from "@/lib/staff/change-staff-user-role";
import { sendStaffSetupLink } from "@/lib/staff-auth/send-staff-setup-link";
import { updateDistrictSettings } from "@/lib/settings/update-district-settings";
import { districtSettingsSchema } from "@/lib/settings/district-settings-schema";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import type { StaffActor } from "@/lib/staff/staff-actor";
import { applyRosterImport } from "@/lib/roster/console/apply-roster-import";
import { receiveRosterUpload } from "@/lib/roster/console/receive-roster-upload";

let desk: StaffActor;
let adminId = 0;

async function snapshot() {
  return {
    staff: await prisma.staffUser.findMany({ orderBy: { id: "asc" } }),
    sessions: await prisma.authSession.count(),
    settings: await prisma.districtSettings.findMany(),
    audit: await prisma.auditEvent.count(),
    rosterImports: await prisma.rosterImport.findMany({ orderBy: { id: "asc" } }),
  };
}

beforeAll(async () => {
  const admin = await prisma.staffUser.create({ data: { email: "admin@riverside.example.org", name: "A", role: "SITE_ADMIN", passwordHash: "x" } });
  const deskRow = await prisma.staffUser.create({ data: { email: "desk@riverside.example.org", name: "D", role: "HELP_DESK", passwordHash: "x" } });
  adminId = admin.id;
  desk = { staffUserId: deskRow.id, email: deskRow.email, role: deskRow.role, ip: "192.0.2.50" };
  await createAuthSession({ staffUserId: admin.id }, {});
  await getDistrictSettings();
  rosterDryRunId = (
    await prisma.rosterImport.create({ data: { trigger: "CONSOLE", requestedBy: "admin", fileName: "a.zip", filePath: "/tmp/a.zip", dryRun: true, status: "SUCCEEDED" } })
  ).id;
});

let rosterDryRunId = 0;

describe("site-admin permissions", () => {
  it("the matrix gives help desk none of the admin permissions", () => {
    const adminOnly: Permission[] = ["audit:read", "staff:manage", "settings:manage"];
    for (const permission of adminOnly) {
      expect(hasPermission("HELP_DESK", permission), permission).toBe(false);
      expect(hasPermission("SITE_ADMIN", permission), permission).toBe(true);
    }
    expect(Object.keys(PERMISSIONS)).toEqual(expect.arrayContaining(adminOnly));
  });

  const attempts: [string, () => Promise<unknown>][] = [
    ["create staff", () => createStaffUser(desk, { email: "x@riverside.example.org", name: "X", role: "SITE_ADMIN" })],
    ["disable staff", () => setStaffUserDisabled(desk, { staffUserId: adminId, disabled: true })],
    ["enable staff", () => setStaffUserDisabled(desk, { staffUserId: adminId, disabled: false })],
    ["send a staff setup link (staff reset)", () => sendStaffSetupLink(desk, { staffUserId: adminId })],
    ["promote self", () => changeStaffUserRole(desk, { staffUserId: desk.staffUserId, role: "SITE_ADMIN" })],
    ["demote admin", () => changeStaffUserRole(desk, { staffUserId: adminId, role: "HELP_DESK" })],
    [
      "update settings",
      async () => {
        const current = await getDistrictSettings();
        const values = districtSettingsSchema.parse({
          ...current,
          supportPhone: "555-0000",
          staffEmailDomains: "",
          parentPasswordMinLength: String(current.parentPasswordMinLength),
          mfaRequiredForHelpDesk: current.mfaRequiredForHelpDesk ? "on" : "off",
          callerVerificationMethods: current.callerVerificationMethods.join("\n"),
          callerVerificationRequired: current.callerVerificationRequired ? "on" : "off",
        });
        return updateDistrictSettings(desk, values);
      },
    ],
    [
      "upload a roster package",
      () => receiveRosterUpload(desk, { body: new Blob([new Uint8Array([0x50, 0x4b, 3, 4])]).stream(), fileName: "x.zip", declaredBytes: 4 }),
    ],
    ["apply a roster import", () => applyRosterImport(desk, { importId: rosterDryRunId, confirmRemovals: true })],
  ];

  it.each(attempts)("help desk: %s is forbidden and changes nothing", async (_name, attempt) => {
    const before = await snapshot();
    await expect(attempt()).rejects.toBeInstanceOf(ForbiddenError);
    expect(await snapshot()).toEqual(before);
  });
});
