// After a setup link was used: the passphrase is set, sign in with it.
import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Passphrase set" };

export default function PassphraseSetPage() {
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold text-slate-900">Passphrase set</h1>
      <p className="mt-2 text-sm text-slate-700" role="status">
        Your passphrase is set and any earlier sessions of your account were signed out. Sign in with your new passphrase.
      </p>
      <Link href="/console/sign-in" className="mt-4 text-sm font-medium text-blue-700 underline">
        Go to sign-in
      </Link>
    </main>
  );
}
