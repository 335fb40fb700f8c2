"use client";
// The checkbox of one row: a click toggles it, a Shift+click selects the range from the last
// row toggled (through the table's range selection, provided by <DataTable>).
import { createContext, useContext } from "react";
import type { Row } from "@tanstack/react-table";
import { Checkbox } from "@/components/ui/checkbox";
import type { SelectRow } from "./use-range-selection";

export const RowSelectionContext = createContext<SelectRow<unknown> | null>(null);

export function DataTableRowCheckbox<TData>({ row, label }: { row: Row<TData>; label: string }) {
  const selectRow = useContext(RowSelectionContext) as SelectRow<TData> | null;
  return (
    <Checkbox
      aria-label={label}
      checked={row.getIsSelected()}
      disabled={!row.getCanSelect()}
      // For a checkbox React's change event is the click itself, so it knows about Shift.
      onChange={(event) => {
        if (selectRow) selectRow(row, { range: (event.nativeEvent as MouseEvent).shiftKey === true });
        else row.toggleSelected(event.target.checked);
      }}
      onKeyDown={(event) => {
        // Shift+Space on the checkbox itself: the same range as on the row.
        if (selectRow && event.key === " " && event.shiftKey) {
          event.preventDefault();
          event.stopPropagation();
          selectRow(row, { range: true });
        }
      }}
    />
  );
}
