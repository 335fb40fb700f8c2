// "Confirm your passphrase": asked before security info changes when the passphrase was last
// typed more than 10 minutes ago. Open to sessions restricted to registering security info.
import type { Metadata } from "next";
import { z } from "zod";
import { requireStaffSetupPage } from "@/lib/auth/current-principal";
import { STAFF_SETUP_PAGES } from "@/lib/staff-auth/staff-setup-step";
import { ConfirmPassphraseForm } from "./confirm-passphrase-form";

export const metadata: Metadata = { title: "Confirm your passphrase" };

// Only the pages that ask for it: never an arbitrary address (no open redirect).
const NEXT_PAGES = [STAFF_SETUP_PAGES["register-security-info"]] as const;
const nextSchema = z.enum(NEXT_PAGES).catch(NEXT_PAGES[0]);

export default async function ConfirmPassphrasePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaffSetupPage("register-security-info");
  const raw = await searchParams;
  const next = nextSchema.parse(typeof raw.next === "string" ? raw.next : undefined);
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold text-slate-900">Confirm your passphrase</h1>
      <p className="mt-1 text-sm text-slate-600">
        For your security, type the passphrase of <span className="font-medium text-slate-900">{staff.email}</span> again before changing how you get back into
        your account. It stays confirmed for 10 minutes.
      </p>
      <ConfirmPassphraseForm next={next} />
    </main>
  );
}
