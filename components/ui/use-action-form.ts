"use client";
// Runs a server action (ActionResult) from a form: pending state, field errors, the
// outcome message, and focus moved to the first invalid field so keyboard users land there.
// Shared by the staff console and the parent portal.
import { useActionState, useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/actions/action-result";
import { EMPTY_POSTED_FORM_STATE, type PostedFormState } from "@/lib/actions/posted-form-state";

export interface FormMessage {
  tone: "success" | "error";
  text: string;
}

export interface ActionFormState {
  fieldErrors: Record<string, string[]>;
  message: FormMessage | null;
}

export interface ActionFormOptions<I, T> {
  toInput: (form: FormData) => I;
  /** Said after success; an error FormMessage covers outcomes an action reports as data (e.g. "try later"). */
  successMessage?: (data: T) => string | FormMessage | null;
  onSuccess?: (data: T, form: HTMLFormElement) => void;
  /** Where to go next; the form stays pending until the next page replaces it. */
  navigateTo?: (result: ActionResult<T>) => string | null | undefined;
  /** Load the next page from scratch (e.g. after the session changed) instead of client navigation. */
  fullReload?: boolean;
  /** Said when the action could not be called at all (network down, server gone). */
  unreachableMessage?: string;
  /**
   * A server action taking the FormData, run when the form is posted before the scripts have
   * loaded (or without them). Without one, such a post only reloads the page: nothing changes.
   */
  postAction?: (state: PostedFormState, form: FormData) => Promise<PostedFormState>;
}

const keepState = async (state: PostedFormState) => state;

const UNREACHABLE = "The server could not be reached. Nothing was changed; please try again.";

export function useActionForm<I, T>(action: (input: I) => Promise<ActionResult<T>>, options: ActionFormOptions<I, T>) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [leaving, setLeaving] = useState(false);
  const [state, setState] = useState<ActionFormState>({ fieldErrors: {}, message: null });
  const formRef = useRef<HTMLFormElement | null>(null);
  const [posted, postAction] = useActionState(options.postAction ?? keepState, EMPTY_POSTED_FORM_STATE);
  const [scripted, setScripted] = useState(false);

  // After the errors are on screen (not before: the field must already be marked invalid).
  useEffect(() => {
    if (Object.keys(state.fieldErrors).length > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state.fieldErrors]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setScripted(true);
    const form = event.currentTarget;
    formRef.current = form;
    const input = options.toInput(new FormData(form));
    startTransition(async () => {
      let result: ActionResult<T>;
      try {
        result = await action(input);
      } catch {
        result = { ok: false, code: "error", error: options.unreachableMessage ?? UNREACHABLE };
      }
      const next = options.navigateTo?.(result);
      if (next) {
        setLeaving(true);
        if (options.fullReload) window.location.assign(next);
        else startTransition(() => router.push(next));
        return;
      }
      // The outcome is set inside the transition: set after an await outside it, it would be
      // shown a render before the form stops being pending, and a try made in that moment (Enter
      // on a still-disabled button) would be dropped with the old error on screen.
      if (result.ok) {
        const said = options.successMessage?.(result.data) ?? null;
        startTransition(() => setState({ fieldErrors: {}, message: typeof said === "string" ? { tone: "success", text: said } : said }));
        options.onSuccess?.(result.data, form);
        return;
      }
      const fieldErrors = result.fieldErrors ?? {};
      // The same words next to the field and above the form would be read out twice.
      const repeated = Object.values(fieldErrors).some((messages) => messages.includes(result.error));
      startTransition(() => setState({ fieldErrors, message: repeated ? null : { tone: "error", text: result.error } }));
    });
  }

  // Spread on the <form>: the scripted submit, and the no-script post (always POST, never GET).
  const formProps = options.postAction ? { action: postAction, onSubmit } : { method: "post" as const, onSubmit };
  return { formRef, onSubmit, formProps, pending: pending || leaving, ...(scripted ? state : posted) };
}
