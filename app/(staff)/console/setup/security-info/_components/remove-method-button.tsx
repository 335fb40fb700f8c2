"use client";
// Removes one registered method (the server keeps at least two).
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { useActionForm } from "@/components/ui/use-action-form";
import { removeSecurityMethodAction } from "../_actions/remove-security-method-action";
import { reauthenticateIfAsked } from "./reauthenticate-url";

export function RemoveMethodButton({ method, label }: { method: "phone" | "altEmail" | "questions"; label: string }) {
  const router = useRouter();
  const form = useActionForm(removeSecurityMethodAction, {
    toInput: () => ({ method }),
    navigateTo: reauthenticateIfAsked,
    onSuccess: () => router.refresh(),
  });
  return (
    <form {...form.formProps} className="inline-flex flex-col gap-2">
      <Button type="submit" variant="ghost" size="sm" disabled={form.pending} aria-busy={form.pending}>
        Remove {label}
      </Button>
      {form.message ? <FormAlert tone={form.message.tone}>{form.message.text}</FormAlert> : null}
    </form>
  );
}
