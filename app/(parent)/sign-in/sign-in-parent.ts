// next-auth's "parent" sign-in without a redirect, answered as an ActionResult so the form
// runs like every other portal form. Every failure reads the same (no hint which part was wrong).
import { signIn } from "next-auth/react";
import { actionError, type ActionResult } from "@/lib/actions/action-result";

export interface SignInMessages {
  missing: string;
  invalid: string;
  rateLimited: string;
}

export async function signInParent(input: { username: string; password: string }, messages: SignInMessages): Promise<ActionResult<null>> {
  const username = input.username.trim();
  if (!username || !input.password) return actionError("invalid", messages.missing);
  const result = await signIn("parent", { username, password: input.password, redirect: false });
  if (result?.ok && !result.error) return { ok: true, data: null };
  return result?.error === "rate_limited" ? actionError("rate_limited", messages.rateLimited) : actionError("invalid", messages.invalid);
}
