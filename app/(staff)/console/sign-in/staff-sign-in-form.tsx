"use client";
// Signs in through next-auth's "staff" provider without a redirect. Posted before the scripts
// run (or without them), the form goes to a server action instead: never a GET, so the
// passphrase cannot land in a URL.
import { useActionState, useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { signInStaffFormAction } from "./sign-in-form-action";
import { STAFF_SIGN_IN_MESSAGES } from "./staff-sign-in-messages";
import { secondStepPath } from "./second-step-path";

const MESSAGES: Record<string, string> = STAFF_SIGN_IN_MESSAGES;

export function StaffSignInForm({ callbackPath }: { callbackPath: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [posted, postAction] = useActionState(signInStaffFormAction, null);
  // The answer to a post made before the scripts ran, until the scripts submit themselves.
  const [scripted, setScripted] = useState(false);
  const shown = scripted ? error : (posted?.error ?? null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setScripted(true);
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setError(STAFF_SIGN_IN_MESSAGES.missing);
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
      if (result?.error === "second_factor") {
        window.location.assign(secondStepPath(callbackPath));
        return;
      }
      setError(MESSAGES[result?.error ?? ""] ?? MESSAGES.invalid!);
    } catch {
      setError(STAFF_SIGN_IN_MESSAGES.unavailable);
    }
    setPending(false);
  }

  return (
    <form action={postAction} onSubmit={onSubmit} noValidate className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      {shown ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {shown}
        </p>
      ) : null}
      <input type="hidden" name="callbackPath" value={callbackPath} />
      <div className="space-y-1">
        <label htmlFor="staff-email" className="block text-sm font-medium text-slate-800">
          E-mail address
        </label>
        <Input id="staff-email" name="email" type="email" autoComplete="username" required maxLength={254} aria-invalid={Boolean(shown)} />
      </div>
      <div className="space-y-1">
        <label htmlFor="staff-password" className="block text-sm font-medium text-slate-800">
          Password
        </label>
        <Input id="staff-password" name="password" type="password" autoComplete="current-password" required maxLength={256} aria-invalid={Boolean(shown)} />
      </div>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
