// Shown only while rows are selected: what is selected and what can be done with it.
import type { ReactNode } from "react";

export function DataTableActionBar({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label="Selection actions" className="sticky bottom-4 z-10 mx-auto mt-3 flex w-fit items-center gap-3 rounded-lg border border-slate-300 bg-white px-4 py-2 shadow-lg">
      <span className="text-sm font-medium text-slate-800">{label}</span>
      {children}
    </div>
  );
}
