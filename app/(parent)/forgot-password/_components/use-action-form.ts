"use client";
// Runs a server action from a form: pending state, form and field errors, then navigation.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/actions/action-result";

export function useActionForm<Input, Data extends object>(
  action: (input: Input) => Promise<ActionResult<Data>>,
  options: { genericError: string; onSuccess?: (data: Data) => void },
) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  function submit(input: Input) {
    startTransition(async () => {
      try {
        const result = await action(input);
        if (!result.ok) {
          setFieldErrors(result.fieldErrors ?? {});
          setFormError(result.fieldErrors && Object.keys(result.fieldErrors).length > 0 ? null : result.error);
          return;
        }
        setFieldErrors({});
        setFormError(null);
        options.onSuccess?.(result.data);
        if ("next" in result.data && typeof result.data.next === "string") router.push(result.data.next);
      } catch {
        // Network failure or a server that could not answer: keep the form and say so.
        setFormError(options.genericError);
      }
    });
  }

  return { pending, formError, fieldErrors, submit };
}
