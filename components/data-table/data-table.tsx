"use client";
// Renders a TanStack table whose data, sorting and paging are done on the server: this
// component draws headers, rows and the empty state, and makes the rows usable from the
// keyboard (one tab stop for the rows, arrows between them, Space / Shift+Space to select).
import { flexRender, type Row, type RowData, type Table } from "@tanstack/react-table";
import { useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { RowSelectionContext } from "./data-table-row-checkbox";
import { useRangeSelection, type SelectRow } from "./use-range-selection";

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** aria-sort of the header cell, for a column the server sorts by. */
    ariaSort?: "ascending" | "descending" | "none";
    className?: string;
    /** Kept in view at the inline end while the table scrolls sideways (e.g. row actions). */
    stickyEnd?: boolean;
  }
}

export interface DataTableProps<TData> {
  table: Table<TData>;
  caption: string;
  empty: ReactNode;
}

const STICKY_END = "sticky end-0 shadow-[-8px_0_8px_-8px_rgba(15,23,42,0.35)]";

export function DataTable<TData>({ table, caption, empty }: DataTableProps<TData>) {
  const rows = table.getRowModel().rows;
  const selectRow = useRangeSelection(table);
  const body = useRef<HTMLTableSectionElement>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const tabStopId = rows.some((row) => row.id === activeId) ? activeId : (rows[0]?.id ?? null);
  const selectable = table.options.enableRowSelection !== false;

  const focusRow = (index: number) => body.current?.querySelectorAll<HTMLTableRowElement>(":scope > tr[data-row-id]")[index]?.focus();

  function onRowKeyDown(event: KeyboardEvent<HTMLTableRowElement>, row: Row<TData>, index: number) {
    // Keys pressed on a control inside the row belong to that control.
    if (event.target !== event.currentTarget) return;
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: rows.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      focusRow(Math.max(0, Math.min(rows.length - 1, moves[event.key]!)));
    } else if (event.key === " " && selectable) {
      event.preventDefault();
      selectRow(row, { range: event.shiftKey });
    }
  }

  return (
    <RowSelectionContext.Provider value={selectRow as SelectRow<unknown>}>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">
            {caption}
            {selectable && rows.length > 0 ? ". Arrow keys move between rows; Space selects a row, Shift+Space selects the rows up to it." : null}
          </caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-700">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const meta = header.column.columnDef.meta;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={meta?.ariaSort}
                      className={cn("whitespace-nowrap border-b border-slate-200 px-3 py-2 font-semibold", meta?.stickyEnd && cn(STICKY_END, "bg-slate-50"), meta?.className)}
                    >
                      {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody ref={body}>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={table.getVisibleLeafColumns().length} className="px-3 py-12 text-center text-slate-700">
                  {empty}
                </td>
              </tr>
            ) : (
              rows.map((row, index) => (
                <tr
                  key={row.id}
                  data-row-id={row.id}
                  data-state={row.getIsSelected() ? "selected" : undefined}
                  tabIndex={row.id === tabStopId ? 0 : -1}
                  onFocus={() => setActiveId(row.id)}
                  onKeyDown={(event) => onRowKeyDown(event, row, index)}
                  className="group border-b border-slate-100 last:border-0 focus:outline-none focus-visible:outline focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-700 data-[state=selected]:bg-blue-50"
                >
                  {row.getVisibleCells().map((cell) => {
                    const meta = cell.column.columnDef.meta;
                    return (
                      <td
                        key={cell.id}
                        className={cn("px-3 py-2 align-middle", meta?.stickyEnd && cn(STICKY_END, "bg-white group-data-[state=selected]:bg-blue-50"), meta?.className)}
                      >
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    );
                  })}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </RowSelectionContext.Provider>
  );
}
