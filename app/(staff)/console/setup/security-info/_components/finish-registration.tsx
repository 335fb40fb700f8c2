"use client";
// The way out of the setup step: "My info is still right" when the registration is due for
// re-confirmation (or an admin asked), then on to the console.
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { useActionForm } from "@/components/ui/use-action-form";
import { reconfirmSecurityInfoAction } from "../_actions/reconfirm-security-info-action";
import { reauthenticateIfAsked } from "./reauthenticate-url";

export function FinishRegistration() {
  const form = useActionForm(reconfirmSecurityInfoAction, {
    toInput: () => ({}),
    navigateTo: (result) => reauthenticateIfAsked(result) ?? (result.ok ? "/console/parents" : null),
    fullReload: true,
  });
  return (
    <form {...form.formProps} className="space-y-2">
      <Button type="submit" disabled={form.pending} aria-busy={form.pending}>
        {form.pending ? "Saving…" : "My info is right: continue"}
      </Button>
      {form.message ? <FormAlert tone={form.message.tone}>{form.message.text}</FormAlert> : null}
    </form>
  );
}
