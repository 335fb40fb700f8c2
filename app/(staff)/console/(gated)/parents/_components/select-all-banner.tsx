// For site admins, once a whole page is selected: extend the selection to every matching
// row, up to the district's cap, and say so when the search matches more than that. A search
// the grid counted as "1,000+" is counted on to the cap first (the grid asks; "counting").
import { Button } from "@/components/ui/button";
import { plural } from "../_lib/plural";

/** `cap`: the district's cap the server counted against, when it counted (it may have changed since the page loaded). */
export type MatchingCount = { status: "counting" } | { status: "failed"; error: string } | { status: "counted"; count: number; capped: boolean; cap?: number };

export interface SelectAllBannerProps {
  pageRows: number;
  matching: MatchingCount;
  cap: number;
  allMatching: boolean;
  onSelectAllMatching: () => void;
  onClear: () => void;
}

export function SelectAllBanner({ pageRows, matching, cap: pageCap, allMatching, onSelectAllMatching, onClear }: SelectAllBannerProps) {
  const cap = (matching.status === "counted" && matching.cap) || pageCap;
  const capLabel = cap.toLocaleString("en-US");
  const pageSelected = `All ${plural(pageRows, "row", "rows")} on this page are selected.`;
  return (
    <div role="status" className="mb-2 flex flex-wrap items-center justify-center gap-2 rounded-md bg-blue-50 px-3 py-2 text-sm text-blue-900">
      {matching.status === "counting" ? (
        <span>{pageSelected} Counting the matching rows…</span>
      ) : matching.status === "failed" ? (
        <span>
          {pageSelected} {matching.error}
        </span>
      ) : allMatching ? (
        <>
          <span>All {plural(matching.count, "matching row is", "matching rows are")} selected.</span>
          <Button variant="ghost" size="sm" onClick={onClear}>
            Clear selection
          </Button>
        </>
      ) : matching.capped || matching.count > cap ? (
        <span>
          {pageSelected} More than {capLabel} rows match: narrow the search to select them all (limit {capLabel}).
        </span>
      ) : (
        <>
          <span>{pageSelected}</span>
          <Button variant="outline" size="sm" onClick={onSelectAllMatching}>
            Select all {matching.count.toLocaleString("en-US")} matching (up to {capLabel})
          </Button>
        </>
      )}
    </div>
  );
}
