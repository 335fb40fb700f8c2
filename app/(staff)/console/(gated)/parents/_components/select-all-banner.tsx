// For site admins, once a whole page is selected: extend the selection to every matching
// row, up to the district's cap, and say so when the search matches more than that.
import { Button } from "@/components/ui/button";
import { plural } from "../_lib/plural";

export interface SelectAllBannerProps {
  pageRows: number;
  total: { count: number; capped: boolean };
  cap: number;
  allMatching: boolean;
  onSelectAllMatching: () => void;
  onClear: () => void;
}

export function SelectAllBanner({ pageRows, total, cap, allMatching, onSelectAllMatching, onClear }: SelectAllBannerProps) {
  const capLabel = cap.toLocaleString("en-US");
  const tooMany = total.capped || total.count > cap;
  return (
    <div role="status" className="mb-2 flex flex-wrap items-center justify-center gap-2 rounded-md bg-blue-50 px-3 py-2 text-sm text-blue-900">
      {allMatching ? (
        <>
          <span>All {plural(total.count, "matching row is", "matching rows are")} selected.</span>
          <Button variant="ghost" size="sm" onClick={onClear}>
            Clear selection
          </Button>
        </>
      ) : tooMany ? (
        <span>
          All {plural(pageRows, "row", "rows")} on this page are selected. More than {capLabel} rows match: narrow the search to
          select them all (limit {capLabel}).
        </span>
      ) : (
        <>
          <span>All {plural(pageRows, "row", "rows")} on this page are selected.</span>
          <Button variant="outline" size="sm" onClick={onSelectAllMatching}>
            Select all {total.count.toLocaleString("en-US")} matching (up to {capLabel})
          </Button>
        </>
      )}
    </div>
  );
}
