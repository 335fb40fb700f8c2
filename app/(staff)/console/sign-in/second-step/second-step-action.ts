"use server";
// Posts the second step of console sign-in through next-auth's "staff-mfa" provider (from the
// form, with or without JavaScript); only a right answer creates the session.
import { redirect } from "next/navigation";
import { signInWithCredentials } from "@/lib/auth/sign-in-with-credentials";
import { safeConsolePath } from "../safe-console-path";
import { SECOND_STEP_MESSAGES } from "./second-step-messages";

export interface SecondStepFormState {
  error: string;
}

export async function secondStepFormAction(_previous: SecondStepFormState | null, formData: FormData): Promise<SecondStepFormState | null> {
  if (!(formData instanceof FormData)) return { error: SECOND_STEP_MESSAGES.missing };
  const code = String(formData.get("code") ?? "").trim();
  // Six digits are an authenticator code, anything else a recovery code: the form then works the
  // same before its scripts load (when the "use a recovery code" switch does nothing).
  const kind = formData.get("kind") === "passkey" ? "passkey" : /^\d{6}$/.test(code.replace(/\s+/g, "")) ? "totp" : "recovery";
  const passkeyResponse = String(formData.get("passkeyResponse") ?? "");
  if (kind === "passkey" ? !passkeyResponse : !code) return { error: SECOND_STEP_MESSAGES.missing };
  const remember = formData.get("remember") === "1" ? "1" : "";
  const result = await signInWithCredentials("staff-mfa", { kind, code, passkeyResponse, remember });
  if (result.ok) redirect(safeConsolePath(String(formData.get("callbackPath") ?? "")));
  if (result.reason === "expired") redirect("/console/sign-in?expired=1");
  if (result.reason === "cooling_off") return { error: SECOND_STEP_MESSAGES.cooling_off };
  return { error: kind === "passkey" ? SECOND_STEP_MESSAGES.passkey_failed : SECOND_STEP_MESSAGES.invalid };
}
