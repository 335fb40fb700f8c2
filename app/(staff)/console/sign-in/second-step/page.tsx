// Console sign-in, second step: after a right passphrase, an authenticator code, a passkey or
// a recovery code. Without a live sign-in ticket the passphrase comes first.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getStaffSessionPrincipal } from "@/lib/auth/current-principal";
import { readSignInTicketCookie } from "@/lib/staff-auth/mfa/second-step-cookies";
import { prepareSecondStepPage } from "@/lib/staff-auth/mfa/prepare-second-step-page";
import { safeConsolePath } from "../safe-console-path";
import { SecondStepForm } from "./second-step-form";

export const metadata: Metadata = { title: "Two-step sign-in" };

export default async function SecondStepPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackPath = safeConsolePath(Array.isArray(params.callbackUrl) ? params.callbackUrl[0] : params.callbackUrl);
  if (await getStaffSessionPrincipal()) redirect(callbackPath);
  const view = await prepareSecondStepPage(await readSignInTicketCookie());
  if (!view) redirect("/console/sign-in?expired=1");
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold text-slate-900">Two-step sign-in</h1>
      <p className="mt-1 text-sm text-slate-600">Your passphrase was right. Now confirm it is you.</p>
      <SecondStepForm callbackPath={callbackPath} totp={view.totp} passkeyOptions={view.passkeyOptions} rememberDays={view.rememberDays} />
    </main>
  );
}
