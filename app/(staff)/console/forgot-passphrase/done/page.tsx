// After a successful "Get back into your account": nobody is signed in automatically.
import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Passphrase changed" };

export default function RecoveryDonePage() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold text-slate-900">Your passphrase was changed</h1>
      <p role="status" className="mt-2 text-sm text-slate-700">
        Every session of yours was signed out, and we sent a notice to your e-mail addresses. Sign in with your new passphrase; you will
        still be asked for your second step.
      </p>
      <Link href="/console/sign-in" className="mt-6 text-sm font-medium text-blue-700 underline">
        Go to sign-in
      </Link>
    </main>
  );
}
