"use client";
// Runs a server action (ActionResult) from a form: pending state, field errors, the
// outcome message, and focus moved to the first invalid field so keyboard users land there.
import { useRef, useState, useTransition, type FormEvent } from "react";
import type { ActionResult } from "@/lib/actions/action-result";

export interface ActionFormState {
  fieldErrors: Record<string, string[]>;
  message: { tone: "success" | "error"; text: string } | null;
}

export function useActionForm<I, T>(
  action: (input: I) => Promise<ActionResult<T>>,
  options: { toInput: (form: FormData) => I; successMessage: (data: T) => string; onSuccess?: (data: T, form: HTMLFormElement) => void },
) {
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState<ActionFormState>({ fieldErrors: {}, message: null });
  const formRef = useRef<HTMLFormElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input = options.toInput(new FormData(form));
    startTransition(async () => {
      let result: ActionResult<T>;
      try {
        result = await action(input);
      } catch {
        result = { ok: false, code: "error", error: "The server could not be reached. Nothing was changed; please try again." };
      }
      if (result.ok) {
        setState({ fieldErrors: {}, message: { tone: "success", text: options.successMessage(result.data) } });
        options.onSuccess?.(result.data, form);
        return;
      }
      const fieldErrors = result.fieldErrors ?? {};
      setState({ fieldErrors, message: { tone: "error", text: result.error } });
      const firstInvalid = Object.keys(fieldErrors)[0];
      if (firstInvalid) requestAnimationFrame(() => form.querySelector<HTMLElement>(`[name="${CSS.escape(firstInvalid)}"]`)?.focus());
    });
  }

  return { formRef, onSubmit, pending, ...state };
}
