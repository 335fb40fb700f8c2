// Your account: any signed-in staff member changes their own passphrase here.
import type { Metadata } from "next";
import Link from "next/link";
import { requireStaffPage } from "@/lib/auth/current-principal";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { ChangePassphraseForm } from "./_components/change-passphrase-form";
import { TwoStepSignInSection } from "./_components/two-step-sign-in-section";
import { prisma } from "@/lib/db";
import { loadStaffMfaStatus } from "@/lib/staff-auth/mfa/staff-mfa-status";
import { listOwnPasskeys } from "@/lib/staff-auth/mfa/manage-own-second-factors";
import { loadPassphraseChangeMethods } from "@/lib/staff/passphrase-change-code";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const me = await requireStaffPage("account:change-own-passphrase");
  const [settings, mfa, passkeys, changeMethods] = await Promise.all([
    getDistrictSettings(),
    loadStaffMfaStatus(prisma, me.staffUserId),
    listOwnPasskeys(me.staffUserId),
    loadPassphraseChangeMethods(me.staffUserId),
  ]);
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold text-slate-900">Your account</h1>
      <p className="text-sm text-slate-700">
        Signed in as <span className="font-medium">{me.email}</span>. Changing your passphrase signs you out everywhere else.
      </p>
      <p className="text-sm text-slate-700">
        <Link href="/console/setup/security-info" className="font-medium text-blue-700 underline">
          Security info
        </Link>{" "}
        : the mobile phone, alternate e-mail and security questions that get you back in if you forget your passphrase.
      </p>
      <ChangePassphraseForm passphraseMinLength={settings.staffPassphraseMinLength} methods={changeMethods} />
      <TwoStepSignInSection
        totp={mfa.totp}
        recoveryCodesLeft={mfa.recoveryCodesLeft}
        passkeys={passkeys.map((passkey) => ({ id: passkey.id, name: passkey.name, createdAt: passkey.createdAt.toISOString() }))}
      />
    </div>
  );
}
