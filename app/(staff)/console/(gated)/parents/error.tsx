"use client";
// Last resort for this page: anything unexpected while rendering the grid.
import { Button } from "@/components/ui/button";

export default function ParentsError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="space-y-3 rounded-lg border border-red-300 bg-red-50 p-6 text-red-900">
      <p className="font-medium">The parent list could not be shown. Nothing was changed.</p>
      <Button variant="outline" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
