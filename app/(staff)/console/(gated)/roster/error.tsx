"use client";
// Error state of the import page: nothing about a run changes by reloading, so "Try again" is safe.
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";

export default function RosterImportError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold text-slate-900">Roster import</h1>
      <FormAlert tone="error">The roster import page could not be loaded. Please try again in a moment.</FormAlert>
      <Button variant="outline" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
