"use client";
import { useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

const MESSAGES: Record<string, string> = {
  invalid: "The e-mail address or password is not correct.",
  rate_limited: "Too many sign-in attempts. Please wait a few minutes and try again.",
};

export function StaffSignInForm({ callbackPath }: { callbackPath: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setError("Enter your e-mail address and password.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await signIn("staff", { email, password, redirect: false });
      if (result?.ok && !result.error) {
        // A full navigation, so the server renders the console with the new session cookie.
        window.location.assign(callbackPath);
        return;
      }
      setError(MESSAGES[result?.error ?? ""] ?? MESSAGES.invalid!);
    } catch {
      setError("Signing in is not possible right now. Please try again.");
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      {error ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <div className="space-y-1">
        <label htmlFor="staff-email" className="block text-sm font-medium text-slate-800">
          E-mail address
        </label>
        <Input id="staff-email" name="email" type="email" autoComplete="username" required maxLength={254} aria-invalid={Boolean(error)} />
      </div>
      <div className="space-y-1">
        <label htmlFor="staff-password" className="block text-sm font-medium text-slate-800">
          Password
        </label>
        <Input id="staff-password" name="password" type="password" autoComplete="current-password" required maxLength={256} aria-invalid={Boolean(error)} />
      </div>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
