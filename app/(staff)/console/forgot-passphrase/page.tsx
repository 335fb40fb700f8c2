// /console/forgot-passphrase: "Get back into your account", step 0 (user ID, reason, CAPTCHA).
import type { Metadata } from "next";
import Link from "next/link";
import { StartRecoveryForm } from "./_components/start-recovery-form";

export const metadata: Metadata = { title: "Get back into your account", referrer: "no-referrer", robots: { index: false, follow: false } };

export default function ForgotPassphrasePage() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold text-slate-900">Get back into your account</h1>
      <p className="mt-1 text-sm text-slate-600">
        Who are you? To recover your staff console account, enter your user ID and complete the check below. You will then prove it is you
        in two steps, using the security info you registered.
      </p>
      <StartRecoveryForm />
      <Link href="/console/sign-in" className="mt-4 text-sm font-medium text-blue-700 underline">
        Back to sign-in
      </Link>
    </main>
  );
}
