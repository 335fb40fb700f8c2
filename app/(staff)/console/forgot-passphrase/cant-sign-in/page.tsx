// "I know my passphrase but still can't sign in": the second step (authenticator) is the
// obstacle, not the passphrase. Explains the recovery-code and help-desk paths; looks nothing up.
import type { Metadata } from "next";
import Link from "next/link";
import { getDistrictSettings } from "@/lib/settings/district-settings";

export const metadata: Metadata = { title: "Can't sign in" };

export default async function CantSignInPage() {
  const settings = await getDistrictSettings();
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold text-slate-900">You know your passphrase but can&rsquo;t sign in</h1>
      <div className="mt-4 space-y-3 text-sm text-slate-700">
        <p>
          <strong>Lost or new phone, or no authenticator app at hand?</strong> On the sign-in page, after your passphrase, choose
          &ldquo;Use a recovery code&rdquo; and type one of the 10 recovery codes you saved when you set up two-step sign-in. Each code
          works once; once signed in, set up your authenticator again from My account and make new codes.
        </p>
        <p>
          <strong>No recovery codes either?</strong> Call the help desk at {settings.supportPhone} or write to {settings.supportEmail}. After
          checking who you are (in person or by calling you back on a number on record), a site admin can send you a one-time code to set
          up a new authenticator. Nobody at the district will ever ask for your passphrase or a code.
        </p>
        <p>
          <strong>Account locked after wrong passphrases?</strong> Wait 15 minutes and try again, or use{" "}
          <Link href="/console/forgot-passphrase" className="font-medium text-blue-700 underline">
            &ldquo;I forgot my passphrase&rdquo;
          </Link>
          .
        </p>
      </div>
      <Link href="/console/sign-in" className="mt-6 text-sm font-medium text-blue-700 underline">
        Back to sign-in
      </Link>
    </main>
  );
}
