"use client";
// Error state of the audit trail: the filters stay in the URL, so "Try again" re-runs them.
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";

export default function AuditError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="space-y-3">
      <h1 className="text-xl font-semibold text-slate-900">Audit trail</h1>
      <FormAlert tone="error">The audit trail could not be loaded. Please try again in a moment.</FormAlert>
      <Button variant="outline" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
