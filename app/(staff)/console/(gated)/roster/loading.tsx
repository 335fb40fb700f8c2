import { Skeleton } from "@/components/ui/skeleton";

export default function RosterImportLoading() {
  return (
    <div role="status" className="space-y-6" aria-busy="true" aria-label="Loading roster import">
      <Skeleton className="h-8 w-64" />
      <Skeleton className="h-36 w-full" />
      <Skeleton className="h-48 w-full" />
    </div>
  );
}
