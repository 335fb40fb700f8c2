"use client";
// "Apply" after a dry run: queues the same package for real. When the dry run removes more than
// the district's guard allows, the admin must tick an explicit confirmation first (checked
// again on the server).
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FormAlert } from "@/components/ui/form-alert";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/lib/actions/action-result";
import { rosterHref } from "../_lib/roster-href";

export interface RosterApplyFormProps {
  importId: number;
  needsConfirmation: boolean;
  applyRosterImport: (input: { importId: number; confirmRemovals: boolean }) => Promise<ActionResult<{ importId: number }>>;
}

export function RosterApplyForm({ importId, needsConfirmation, applyRosterImport }: RosterApplyFormProps) {
  const form = useActionForm(applyRosterImport, {
    toInput: (data) => ({ importId, confirmRemovals: data.get("confirmRemovals") === "on" }),
    navigateTo: (result) => (result.ok ? rosterHref({ run: result.data.importId }) : null),
  });
  const errors = form.fieldErrors.confirmRemovals;
  return (
    <form {...form.formProps} noValidate className="space-y-3" aria-label="Apply this import">
      {needsConfirmation ? (
        <div className="space-y-1">
          <label className="flex items-start gap-2 text-sm font-medium text-slate-900">
            <Checkbox
              name="confirmRemovals"
              className="mt-0.5"
              aria-invalid={Boolean(errors)}
              aria-describedby={errors ? `confirm-removals-error-${importId}` : undefined}
            />
            I confirm these removals
          </label>
          {errors ? (
            <p id={`confirm-removals-error-${importId}`} className="text-sm text-red-700">
              {errors.join(" ")}
            </p>
          ) : null}
        </div>
      ) : null}
      {form.message ? <FormAlert tone={form.message.tone}>{form.message.text}</FormAlert> : null}
      <Button type="submit" disabled={form.pending} aria-busy={form.pending}>
        {form.pending ? "Applying…" : "Apply"}
      </Button>
    </form>
  );
}
