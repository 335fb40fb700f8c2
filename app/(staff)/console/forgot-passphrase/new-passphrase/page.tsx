// "Get back into your account", last step: only after two verification steps that suffice.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { describeRecoveryFlow } from "@/lib/staff-auth/recovery/describe-recovery-flow";
import { readRecoveryFlowCookie } from "../recovery-flow-cookie";
import { NewPassphraseForm } from "../_components/new-passphrase-form";

export const metadata: Metadata = { title: "Choose a new passphrase", referrer: "no-referrer" };

export default async function RecoveryNewPassphrasePage() {
  const view = await describeRecoveryFlow(await readRecoveryFlowCookie());
  if (view.stage !== "new-passphrase") redirect("/console/forgot-passphrase/verify");
  const settings = await getDistrictSettings();
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold text-slate-900">Choose a new passphrase</h1>
      <p className="mt-1 text-sm text-slate-600">You proved it is you. Your new passphrase ends every session of yours.</p>
      <NewPassphraseForm minLength={settings.staffPassphraseMinLength} />
    </main>
  );
}
