"use client";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import type { ParentSearch } from "@/lib/parents/search-schema";

export function ParentsEmptyState({ search }: { search: ParentSearch }) {
  const what = search.q ? `“${search.q}”` : search.letter !== "all" ? search.letter : null;
  if (search.removed) {
    return <p className="font-medium text-slate-800">{what ? `No removed parents with a last name starting with ${what}.` : "No rows have been removed from the roster."}</p>;
  }
  return (
    <div className="space-y-1">
      <p className="font-medium text-slate-800">{what ? `No parents with a last name starting with ${what}.` : "No parent rows yet."}</p>
      {what ? <p className="text-sm">Check the spelling, try fewer letters, or browse by the first letter.</p> : null}
    </div>
  );
}

export function ParentsErrorState({ message }: { message: string }) {
  const router = useRouter();
  return (
    <div role="alert" className="space-y-3 rounded-lg border border-red-300 bg-red-50 p-6 text-red-900">
      <p className="font-medium">{message}</p>
      <Button variant="outline" onClick={() => router.refresh()}>
        Try again
      </Button>
    </div>
  );
}
