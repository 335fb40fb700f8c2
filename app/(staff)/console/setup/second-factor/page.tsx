// Set up two-step sign-in: first prove you can read your district mailbox (or type a code a
// site admin gave you), then add the authenticator app and save your recovery codes.
import type { Metadata } from "next";
import Link from "next/link";
import { requireStaffSetupPage } from "@/lib/auth/current-principal";
import { prisma } from "@/lib/db";
import { pendingAuthenticator } from "@/lib/staff-auth/mfa/enrol-first-authenticator";
import { loadStaffMfaStatus } from "@/lib/staff-auth/mfa/staff-mfa-status";
import { EnrolmentCodeStep } from "./_components/enrolment-code-step";
import { AuthenticatorStep } from "./_components/authenticator-step";
import { SignOutButton } from "../../_components/sign-out-button";

export const metadata: Metadata = { title: "Set up two-step sign-in" };

export default async function SecondFactorSetupPage() {
  const staff = await requireStaffSetupPage("enrol-second-factor");
  const status = await loadStaffMfaStatus(prisma, staff.staffUserId);
  const pending = status.totp ? null : await pendingAuthenticator(staff);
  return (
    <main id="main" className="mx-auto max-w-xl space-y-6 px-4 py-10">
      <div className="flex items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold text-slate-900">Set up two-step sign-in</h1>
        <SignOutButton />
      </div>
      <p className="text-sm text-slate-700">
        Staff console accounts can reset thousands of parent logins, so signing in takes your passphrase and a code from an
        authenticator app on your phone (for example Microsoft Authenticator, Google Authenticator or 1Password).
      </p>
      {status.totp ? (
        <p className="text-sm text-slate-700">
          Your authenticator app is set up. Manage passkeys and recovery codes on <Link className="text-blue-700 underline" href="/console/account">your account page</Link>.
        </p>
      ) : pending ? (
        <AuthenticatorStep secret={pending.secret} uri={pending.uri} />
      ) : (
        <EnrolmentCodeStep email={staff.email} />
      )}
    </main>
  );
}
