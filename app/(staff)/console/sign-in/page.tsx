// Staff sign-in: e-mail and password; signed-in staff go straight to the console.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getStaffSessionPrincipal } from "@/lib/auth/current-principal";
import { STAFF_SETUP_PAGES } from "@/lib/staff-auth/staff-setup-step";
import { safeConsolePath } from "./safe-console-path";
import { StaffSignInForm } from "./staff-sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function StaffSignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const raw = Array.isArray(params.callbackUrl) ? params.callbackUrl[0] : params.callbackUrl;
  const callbackPath = safeConsolePath(raw);
  const staff = await getStaffSessionPrincipal();
  if (staff) redirect(staff.setupStep ? STAFF_SETUP_PAGES[staff.setupStep] : callbackPath);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold text-slate-900">Staff console</h1>
      <p className="mt-1 text-sm text-slate-600">Sign in with your district e-mail address.</p>
      {params.expired === "1" ? (
        <p role="status" className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Your sign-in was not finished in time, or too many codes were wrong. Enter your passphrase again.
        </p>
      ) : null}
      <StaffSignInForm callbackPath={callbackPath} />
      <Link href="/console/forgot-passphrase" className="mt-4 text-sm font-medium text-blue-700 underline">
        Forgot your passphrase or can&rsquo;t sign in?
      </Link>
    </main>
  );
}
