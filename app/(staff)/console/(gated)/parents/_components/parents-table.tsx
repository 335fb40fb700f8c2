"use client";
// The Reset Parent Login grid: server-side search, sort and paging through the URL, row
// selection, one reset dialog driven by `resetTarget`; the outcome goes to `showOutcome` (the
// view's toast, which outlives this grid: the refresh after a reset may replace it).
import { memo, use, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { getCoreRowModel, useReactTable, type RowSelectionState } from "@tanstack/react-table";
import { RotateCcw } from "lucide-react";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableActionBar } from "@/components/data-table/data-table-action-bar";
import { useAnnounce } from "@/components/data-table/data-table-live-region";
import { DataTablePagination } from "@/components/data-table/data-table-pagination";
import { Button } from "@/components/ui/button";
import type { ToastMessage } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/action-result";
import type { ResetPreview } from "@/lib/parents/preview-reset";
import type { ResetOutcome } from "@/lib/parents/reset-parent-logins";
import type { CallerVerificationInput } from "@/lib/parents/caller-verification";
import type { MatchingSearch, ResetSelectionInput } from "@/lib/parents/reset-selection";
import type { ParentRow, ParentSearchResult } from "@/lib/parents/search-parents";
import { PAGE_SIZES, type ParentSearch } from "@/lib/parents/search-schema";
import { describeResetOutcome } from "../_lib/describe-outcome";
import { parentsFirstPageHref } from "../_lib/parents-href";
import { plural } from "../_lib/plural";
import { paginationHrefs } from "../_lib/pagination-hrefs";
import { getParentsTableColumns } from "./parents-table-columns";
import { ResetDialog } from "./reset-dialog";
import { SelectAllBanner, type MatchingCount } from "./select-all-banner";
import { ParentsEmptyState, ParentsErrorState } from "./parents-table-states";

import type { SearchOutcome } from "../_lib/use-live-search";

export type { SearchOutcome };

export interface ParentsTableProps {
  resultPromise: Promise<SearchOutcome>;
  search: ParentSearch;
  canBulkReset: boolean;
  bulkResetCap: number;
  /** Site admins: the search's rows up to the district's cap, for a search counted as "1,000+". */
  countMatching: (input: { search: MatchingSearch }) => Promise<ActionResult<{ count: number; capped: boolean; cap: number }>>;
  previewReset: (input: { selection: ResetSelectionInput }) => Promise<ActionResult<ResetPreview>>;
  resetParents: (input: { selection: ResetSelectionInput; includeOtherRows: boolean; verification?: CallerVerificationInput }) => Promise<ActionResult<ResetOutcome>>;
  /** Shows a reset's outcome (ParentsView's toast). */
  showOutcome: (message: ToastMessage) => void;
}

export function ParentsTable(props: ParentsTableProps) {
  const outcome = use(props.resultPromise);
  if (!outcome.ok) return <ParentsErrorState message={outcome.error} />;
  return <ParentsGrid {...props} result={outcome.data} />;
}

// Memoized: the view re-renders while a search is pending (aria-busy), the rows have not changed.
export const ParentsGrid = memo(function ParentsGrid({ result, search, canBulkReset, bulkResetCap, countMatching, previewReset, resetParents, showOutcome }: ParentsTableProps & { result: ParentSearchResult }) {
  const router = useRouter();
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [allMatching, setAllMatching] = useState(false);
  const [resetTarget, setResetTarget] = useState<ResetSelectionInput | null>(null);
  // The count of every matching row (site admins), asked for once a whole page is selected;
  // kept with the search it counted, so an answer that lands after the search moved on is unused.
  const [fullCount, setFullCount] = useState<{ search: string; count: MatchingCount } | null>(null);
  // A selection, or a reset dialog opened on it, never outlives the search it was made on (reset
  // while rendering, as React recommends for state that follows a prop, so no frame shows it).
  const searchKey = JSON.stringify(search);
  const [selectionSearch, setSelectionSearch] = useState(searchKey);
  if (selectionSearch !== searchKey) {
    setSelectionSearch(searchKey);
    setRowSelection({});
    setAllMatching(false);
    setResetTarget(null);
    setFullCount(null);
  }

  const columns = useMemo(
    () =>
      getParentsTableColumns({
        search,
        sortHref: (sort, dir) => parentsFirstPageHref(search, { sort, dir }),
        onResetRow: (row: ParentRow) => setResetTarget({ kind: "ids", linkIds: [row.linkId] }),
      }),
    [search],
  );

  const table = useReactTable({
    data: result.rows,
    columns,
    getRowId: (row) => String(row.linkId),
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    // Removed rows are for reference: a reset through them would mail a login the roster dropped.
    enableRowSelection: (row) => !row.original.removed,
    state: { rowSelection },
    onRowSelectionChange: (updater) => {
      setAllMatching(false);
      setRowSelection(updater);
    },
  });

  const selectedIds = Object.keys(rowSelection).filter((id) => rowSelection[id]).map(Number);
  const clearSelection = () => {
    setRowSelection({});
    setAllMatching(false);
  };
  const matchingSelection: ResetSelectionInput = { kind: "matching", search: { q: search.q, letter: search.letter } };

  const loadPreview = useCallback(() => previewReset({ selection: resetTarget! }), [previewReset, resetTarget]);

  async function onConfirm(includeOtherRows: boolean, verification?: CallerVerificationInput): Promise<string | null> {
    if (!resetTarget) return null;
    const response = await resetParents({ selection: resetTarget, includeOtherRows, ...(verification ? { verification } : {}) });
    if (!response.ok) return response.error;
    setResetTarget(null);
    clearSelection();
    showOutcome(describeResetOutcome(response.data));
    router.refresh();
    return null;
  }

  const { count, capped } = result.total;
  const offerAllMatching = canBulkReset && !search.removed && table.getIsAllPageRowsSelected() && result.rows.length > 0 && (capped || count > result.rows.length);
  // The grid counts to 1,000 for everyone (search-parents.ts): a larger search is counted on to
  // the district's cap only when "select all matching" is about to be offered.
  const counted = fullCount?.search === searchKey ? fullCount.count : null;
  const matching: MatchingCount = capped ? (counted ?? { status: "counting" }) : { status: "counted", count, capped: false };
  // A failed count is asked again the next time the page is selected.
  if (!offerAllMatching && counted?.status === "failed") setFullCount(null);
  const countNeeded = offerAllMatching && capped && counted === null;
  const { q, letter } = search;
  useEffect(() => {
    if (!countNeeded) return;
    const keep = (count: MatchingCount) => setFullCount({ search: searchKey, count });
    countMatching({ search: { q, letter } }).then(
      (answer) => keep(answer.ok ? { status: "counted", ...answer.data } : { status: "failed", error: answer.error }),
      () => keep({ status: "failed", error: "The matching rows could not be counted. Please try again." }),
    );
  }, [countNeeded, countMatching, q, letter, searchKey]);
  const matchingRows = matching.status === "counted" ? matching.count : count;
  const start = result.rows.length ? (result.pageInfo.page - 1) * result.pageInfo.size + 1 : 0;
  const end = start ? start + result.rows.length - 1 : 0;
  const totalLabel = capped ? `${count.toLocaleString("en-US")}+` : count.toLocaleString("en-US");
  const hrefs = paginationHrefs(search, result.pageInfo);
  const announce = useAnnounce();
  const resultsMessage = result.rows.length
    ? `${plural(result.rows.length, "row", "rows")} shown of ${totalLabel}${search.q ? ` for “${search.q}”` : ""}.`
    : `No rows${search.q ? ` for “${search.q}”` : ""}.`;
  useEffect(() => announce(resultsMessage), [announce, resultsMessage]);
  const selectedCount = allMatching ? matchingRows : selectedIds.length;
  const announcedSelection = useRef(0);
  useEffect(() => {
    if (selectedCount === announcedSelection.current) return;
    announcedSelection.current = selectedCount;
    announce(selectedCount > 0 ? `${plural(selectedCount, "row", "rows")} selected.` : "No rows selected.");
  }, [announce, selectedCount]);

  return (
    <div data-results-for={search.q}>
      {offerAllMatching ? (
        <SelectAllBanner
          pageRows={result.rows.length}
          matching={matching}
          cap={bulkResetCap}
          allMatching={allMatching}
          onSelectAllMatching={() => setAllMatching(true)}
          onClear={clearSelection}
        />
      ) : null}
      <DataTable table={table} caption={search.removed ? "Parent rows removed from the roster: one per parent per child" : "Parent rows: one per parent per child"} empty={<ParentsEmptyState search={search} />} />
      <DataTablePagination
        summary={result.rows.length ? `Rows ${start.toLocaleString("en-US")}–${end.toLocaleString("en-US")} of ${totalLabel}` : "No rows"}
        firstHref={hrefs.first}
        previousHref={hrefs.previous}
        nextHref={hrefs.next}
        size={search.size}
        sizes={PAGE_SIZES}
        onSizeChange={(size) => router.push(parentsFirstPageHref(search, { size: size as ParentSearch["size"] }))}
      />
      {selectedIds.length > 0 ? (
        <DataTableActionBar label={allMatching ? `All ${plural(matchingRows, "matching row", "matching rows")} selected` : `${plural(selectedIds.length, "row", "rows")} selected`}>
          <Button variant="danger" size="sm" onClick={() => setResetTarget(allMatching ? matchingSelection : { kind: "ids", linkIds: selectedIds })}>
            <RotateCcw className="h-4 w-4" aria-hidden="true" />
            Reset Selected
          </Button>
          <Button variant="ghost" size="sm" onClick={clearSelection}>
            Clear selection
          </Button>
        </DataTableActionBar>
      ) : null}
      <ResetDialog open={resetTarget !== null} loadPreview={loadPreview} onConfirm={onConfirm} onClose={() => setResetTarget(null)} />
    </div>
  );
});

