"use server";
// The staff sign-in form posted without JavaScript (before the page's scripts loaded, or
// with scripts off): the same next-auth sign-in, run on the server, so the passphrase goes in
// a POST body and never into a URL. With JavaScript the form signs in through next-auth's client.
import { redirect } from "next/navigation";
import { signInWithCredentials } from "@/lib/auth/sign-in-with-credentials";
import { safeConsolePath } from "./safe-console-path";
import { STAFF_SIGN_IN_MESSAGES } from "./staff-sign-in-messages";
import { secondStepPath } from "./second-step-path";

interface StaffSignInFormState {
  error: string;
}

export async function signInStaffFormAction(_previous: StaffSignInFormState | null, formData: FormData): Promise<StaffSignInFormState | null> {
  // Only a posted form reaches here from the page; anything else is a hand-made request.
  if (!(formData instanceof FormData)) return { error: STAFF_SIGN_IN_MESSAGES.missing };
  const email = String(formData.get("email") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  if (!email || !password) return { error: STAFF_SIGN_IN_MESSAGES.missing };
  const result = await signInWithCredentials("staff", { email, password });
  if (!result.ok && result.reason === "second_factor") redirect(secondStepPath(safeConsolePath(String(formData.get("callbackPath") ?? ""))));
  if (!result.ok) return { error: result.reason === "rate_limited" ? STAFF_SIGN_IN_MESSAGES.rate_limited : STAFF_SIGN_IN_MESSAGES.invalid };
  redirect(safeConsolePath(String(formData.get("callbackPath") ?? "")));
}
