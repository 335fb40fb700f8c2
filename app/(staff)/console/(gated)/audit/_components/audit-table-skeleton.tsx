import { Skeleton } from "@/components/ui/skeleton";

export function AuditTableSkeleton() {
  return (
    // A status role: aria-label on a plain div is not allowed (axe-core, seen while the page was still loading).
    <div role="status" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" aria-busy="true" aria-label="Loading audit events">
      {Array.from({ length: 8 }, (_, index) => (
        <Skeleton key={index} className="h-8 w-full" />
      ))}
    </div>
  );
}
