// The page a setup link opens (/console/set-passphrase?token=...): the staff member chooses
// their passphrase. Showing it does not use the link; submitting the form does, once.
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { findUsableSetupLink, INVALID_SETUP_LINK_MESSAGE } from "@/lib/staff-auth/find-usable-setup-link";
import { SetPassphraseForm } from "./set-passphrase-form";

// The token is in this page's address: never send it on as a Referer. "strict-origin" sends
// only the origin (no path, no query); "no-referrer" would also make the browser send
// `Origin: null` with the form's no-script POST, which Next.js refuses as a cross-site action.
export const metadata: Metadata = { title: "Choose your passphrase", referrer: "strict-origin", robots: { index: false, follow: false } };

const tokenSchema = z.string().max(200).catch("");

export default async function SetPassphrasePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const token = tokenSchema.parse(typeof raw.token === "string" ? raw.token : "");
  const [link, settings] = await Promise.all([token ? findUsableSetupLink(token) : null, getDistrictSettings()]);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold text-slate-900">Choose your passphrase</h1>
      {link ? (
        <>
          <p className="mt-1 text-sm text-slate-600">
            For the staff console account <span className="font-medium text-slate-900">{link.email}</span>. Only you will know it.
          </p>
          <SetPassphraseForm token={token} email={link.email} minLength={settings.staffPassphraseMinLength} />
        </>
      ) : (
        <div className="mt-4 space-y-3">
          <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
            {INVALID_SETUP_LINK_MESSAGE}
          </p>
          <Link href="/console/sign-in" className="text-sm font-medium text-blue-700 underline">
            Go to sign-in
          </Link>
        </div>
      )}
    </main>
  );
}
