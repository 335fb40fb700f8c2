// District settings (site admins): names, support contacts, staff domains and limits.
import type { Metadata } from "next";
import { requireStaffPage } from "@/lib/auth/current-principal";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { DistrictSettingsForm } from "./_components/district-settings-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireStaffPage("settings:manage");
  const settings = await getDistrictSettings();
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">District settings</h1>
      <p className="text-sm text-slate-600">
        Last saved {settings.updatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC. Every change is recorded in the audit trail.
      </p>
      <DistrictSettingsForm
        initial={{
          districtName: settings.districtName,
          portalName: settings.portalName,
          supportPhone: settings.supportPhone,
          supportEmail: settings.supportEmail,
          senderAddress: settings.senderAddress,
          staffEmailDomains: settings.staffEmailDomains.join("\n"),
          parentPasswordMinLength: String(settings.parentPasswordMinLength),
          staffPassphraseMinLength: String(settings.staffPassphraseMinLength),
          tempPasswordTtlHours: String(settings.tempPasswordTtlHours),
          bulkResetCap: String(settings.bulkResetCap),
          helpDeskResetCap: String(settings.helpDeskResetCap),
          helpDeskResetsPerHour: String(settings.helpDeskResetsPerHour),
          expiredRecordRetentionDays: String(settings.expiredRecordRetentionDays),
          failedAttemptDataRetentionDays: String(settings.failedAttemptDataRetentionDays),
          auditRetentionDays: String(settings.auditRetentionDays),
          rosterStudentIdSource: settings.rosterStudentIdSource,
          rosterRemovalGuardPercent: String(settings.rosterRemovalGuardPercent),
          rosterRemovalGraceDays: String(settings.rosterRemovalGraceDays),
          rosterUploadMaxMb: String(settings.rosterUploadMaxMb),
          staffSecurityQuestionsEnabled: settings.staffSecurityQuestionsEnabled ? "on" : "",
          staffSecurityInfoReconfirmDays: String(settings.staffSecurityInfoReconfirmDays),
          mfaRequiredForHelpDesk: settings.mfaRequiredForHelpDesk ? "on" : "off",
          mfaRememberDays: String(settings.mfaRememberDays),
          callerVerificationMethods: settings.callerVerificationMethods.join("\n"),
          callerVerificationRequired: settings.callerVerificationRequired ? "on" : "off",
        }}
      />
    </div>
  );
}
