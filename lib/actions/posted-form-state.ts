// Turns an action's result into the state a form shows after it was posted without
// JavaScript (a server action called by the browser's own form submission): go on to the next
// page on success, otherwise the same field errors and message the scripted form would show.
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/actions/action-result";

export interface PostedFormState {
  fieldErrors: Record<string, string[]>;
  message: { tone: "success" | "error"; text: string } | null;
}

export const EMPTY_POSTED_FORM_STATE: PostedFormState = { fieldErrors: {}, message: null };

export function postedFormState<T>(result: ActionResult<T>, nextPath: (data: T) => string): PostedFormState {
  if (result.ok) redirect(nextPath(result.data));
  const fieldErrors = result.fieldErrors ?? {};
  // The same words next to the field and above the form would be read out twice.
  const repeated = Object.values(fieldErrors).some((messages) => messages.includes(result.error));
  return { fieldErrors, message: repeated ? null : { tone: "error", text: result.error } };
}
