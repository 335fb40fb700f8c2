import { Skeleton } from "@/components/ui/skeleton";

/** Placeholder rows while the server query runs. */
export function DataTableSkeleton({ columns, rows = 10 }: { columns: number; rows?: number }) {
  return (
    <div role="status" aria-label="Loading" className="rounded-lg border border-slate-200 bg-white p-3">
      <span className="sr-only">Loading…</span>
      <div className="space-y-3">
        <Skeleton className="h-6 w-full" />
        {Array.from({ length: rows }, (_, row) => (
          <div key={row} className="flex gap-3">
            {Array.from({ length: columns }, (_, column) => (
              <Skeleton key={column} className="h-5 flex-1" />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
