"use client";
// The grid's whole view: search box, letters and table. The server renders the view the URL
// names; typing then searches through the JSON route and keeps the URL in step (replaceState),
// until the next server render (a link, a refresh after a reset) takes over again.
import { Suspense, useState } from "react";
import { DataTableLiveRegion } from "@/components/data-table/data-table-live-region";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { Toast, useToast } from "@/components/ui/toast";
import type { ParentSearch } from "@/lib/parents/search-schema";
import { parentsHref } from "../_lib/parents-href";
import { useLiveSearch, type SearchOutcome } from "../_lib/use-live-search";
import { useUrlAfterPaint } from "../_lib/use-url-after-paint";
import { LetterBar } from "./letter-bar";
import { ParentsGrid, ParentsTable, type ParentsTableProps } from "./parents-table";
import { ParentsErrorState } from "./parents-table-states";
import { ParentsToolbar } from "./parents-toolbar";

interface TypedView {
  search: ParentSearch;
  outcome: SearchOutcome;
  /** The server result this view replaced: a newer one from the server wins. */
  over: Promise<SearchOutcome>;
}

export function ParentsView(viewProps: Omit<ParentsTableProps, "showOutcome">) {
  // Here, not in the grid: after a reset on a typed search the refresh replaces the grid.
  const { toast, show, dismiss } = useToast();
  const props: ParentsTableProps = { ...viewProps, showOutcome: show };
  const [typed, setTyped] = useState<TypedView | null>(null);
  const current = typed && typed.over === props.resultPromise ? typed : null;
  const search = current?.search ?? props.search;
  const replaceUrl = useUrlAfterPaint();
  const live = useLiveSearch((next, outcome) => {
    setTyped({ search: next, outcome, over: props.resultPromise });
    replaceUrl(parentsHref(next));
  });

  return (
    <DataTableLiveRegion>
      <ParentsToolbar search={search} pending={live.pending} onQueryChange={(q, immediate) => live.search({ ...search, q, letter: "all", page: 1, cursor: undefined }, { immediate })} />
      <LetterBar search={search} />
      <div aria-busy={live.pending || undefined}>
        {current ? (
          current.outcome.ok ? (
            // Not keyed by the search: rows a narrower search still shows keep their DOM (the grid
            // clears its selection itself when the search changes).
            <ParentsGrid {...props} search={current.search} result={current.outcome.data} />
          ) : (
            <ParentsErrorState message={current.outcome.error} />
          )
        ) : (
          <Suspense key={JSON.stringify(props.search)} fallback={<DataTableSkeleton columns={8} rows={8} />}>
            <ParentsTable {...props} />
          </Suspense>
        )}
      </div>
      <Toast toast={toast} onDismiss={dismiss} />
    </DataTableLiveRegion>
  );
}
