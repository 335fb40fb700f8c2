import { describe, expect, it } from "vitest";
import { districtSettingsSchema, staffEmailDomainsSchema } from "@/lib/settings/district-settings-schema";

const valid = {
  districtName: "Riverside USD",
  portalName: "Parent Portal",
  supportPhone: "(555) 010-0100 x12",
  supportEmail: "help@riverside.example.org",
  senderAddress: "no-reply@riverside.example.org",
  staffEmailDomains: "riverside.example.org",
  parentPasswordMinLength: "8",
  staffPassphraseMinLength: "15",
  tempPasswordTtlHours: "24",
  bulkResetCap: "10000",
  helpDeskResetCap: "25",
  helpDeskResetsPerHour: "200",
  expiredRecordRetentionDays: "7",
  failedAttemptDataRetentionDays: "90",
  auditRetentionDays: "730",
  rosterStudentIdSource: "identifier",
  rosterRemovalGuardPercent: "10",
  rosterRemovalGraceDays: "30",
  rosterUploadMaxMb: "500",
  staffSecurityQuestionsEnabled: "on",
  staffSecurityInfoReconfirmDays: "180",
  mfaRequiredForHelpDesk: "on",
  mfaRememberDays: "5",
  callerVerificationMethods: "Called back the phone number on record\nIn person with photo ID",
  callerVerificationRequired: "on",
};

describe("staffEmailDomainsSchema", () => {
  it("splits on commas and lines, lower-cases, strips @ and de-duplicates", () => {
    expect(staffEmailDomainsSchema.parse(" District.ORG,\n@district.net\r\n district.org ;k12.district.org ")).toEqual([
      "district.org",
      "district.net",
      "k12.district.org",
    ]);
    expect(staffEmailDomainsSchema.parse("  ")).toEqual([]);
  });

  it("refuses things that are not domain names", () => {
    for (const bad of ["localhost", "-bad.org", "bad-.org", "a..org", "user@district.org", "dis trict.org,x_y.org", "district.o"]) {
      expect(staffEmailDomainsSchema.safeParse(bad).success, bad).toBe(false);
    }
    const many = Array.from({ length: 21 }, (_, i) => `d${i}.org`).join(",");
    expect(staffEmailDomainsSchema.safeParse(many).success).toBe(false);
  });
});

describe("districtSettingsSchema", () => {
  it("accepts each student ID source the importer reads, trimmed, and the roster limits' bounds", () => {
    for (const source of ["identifier", "sourcedId", "userIds:Local", " metadata.studentNumber "]) {
      expect(districtSettingsSchema.parse({ ...valid, rosterStudentIdSource: source }).rosterStudentIdSource).toBe(source.trim());
    }
    expect(
      districtSettingsSchema.parse({ ...valid, rosterRemovalGuardPercent: "0", rosterRemovalGraceDays: "365", rosterUploadMaxMb: "2048" }),
    ).toMatchObject({ rosterRemovalGuardPercent: 0, rosterRemovalGraceDays: 365, rosterUploadMaxMb: 2048 });
  });

  it("coerces numbers from form text", () => {
    expect(districtSettingsSchema.parse(valid)).toMatchObject({ parentPasswordMinLength: 8, bulkResetCap: 10000, staffEmailDomains: ["riverside.example.org"] });
  });

  it.each([
    ["parentPasswordMinLength", "7"],
    ["parentPasswordMinLength", "65"],
    ["staffPassphraseMinLength", "11"],
    ["tempPasswordTtlHours", "0"],
    ["tempPasswordTtlHours", "169"],
    ["bulkResetCap", "10001"],
    ["bulkResetCap", "2.5"],
    ["bulkResetCap", ""],
    ["senderAddress", "not an email"],
    ["supportEmail", "a@b"],
    ["districtName", "   "],
    ["supportPhone", "call <script>"],
    ["staffEmailDomains", "district.org, not a domain"],
    ["helpDeskResetCap", "0"],
    ["helpDeskResetCap", "201"],
    ["helpDeskResetsPerHour", "10001"],
    ["expiredRecordRetentionDays", "0"],
    ["failedAttemptDataRetentionDays", "731"],
    ["auditRetentionDays", "179"],
    ["rosterStudentIdSource", "studentNumber"],
    ["rosterStudentIdSource", "userIds:"],
    ["rosterStudentIdSource", "userIds:{Local}"],
    ["rosterStudentIdSource", "metadata."],
    ["rosterStudentIdSource", ""],
    ["rosterRemovalGuardPercent", "-1"],
    ["rosterRemovalGuardPercent", "101"],
    ["rosterRemovalGraceDays", "366"],
    ["rosterRemovalGraceDays", "1.5"],
    ["rosterUploadMaxMb", "0"],
    ["rosterUploadMaxMb", "2049"],
  ])("refuses %s = %j with an error on that field", (field, value) => {
    const result = districtSettingsSchema.safeParse({ ...valid, [field]: value });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path[0])).toEqual([field]);
  });
});
