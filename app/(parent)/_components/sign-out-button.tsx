"use client";
// Signs the parent out; next-auth's sign-out event also deletes the server-side session.
import { useState } from "react";
import { LogOut } from "lucide-react";
import { signOut } from "next-auth/react";

export function SignOutButton({ label }: { label: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: "/sign-in" });
      }}
      className="inline-flex items-center gap-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100 disabled:opacity-70"
    >
      <LogOut aria-hidden className="size-4 rtl:-scale-x-100" />
      {label}
    </button>
  );
}
