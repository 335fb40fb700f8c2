"use client";
// The shared action-form hook with the parent's language for "the server could not be reached".
import { useTranslations } from "next-intl";
import { useActionForm, type ActionFormOptions } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/lib/actions/action-result";

export function useParentActionForm<I, T>(action: (input: I) => Promise<ActionResult<T>>, options: ActionFormOptions<I, T>) {
  const common = useTranslations("Common");
  return useActionForm(action, { unreachableMessage: common("genericError"), ...options });
}
