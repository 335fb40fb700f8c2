"use client";
// Renders a TanStack table whose data, sorting and paging are done on the server: this
// component only draws headers, rows, and the empty state.
import { flexRender, type RowData, type Table } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** aria-sort of the header cell, for a column the server sorts by. */
    ariaSort?: "ascending" | "descending" | "none";
    className?: string;
  }
}

export interface DataTableProps<TData> {
  table: Table<TData>;
  caption: string;
  empty: ReactNode;
}

export function DataTable<TData>({ table, caption, empty }: DataTableProps<TData>) {
  const rows = table.getRowModel().rows;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th
                  key={header.id}
                  scope="col"
                  aria-sort={header.column.columnDef.meta?.ariaSort}
                  className={cn("whitespace-nowrap border-b border-slate-200 px-3 py-2 font-semibold", header.column.columnDef.meta?.className)}
                >
                  {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={table.getVisibleLeafColumns().length} className="px-3 py-12 text-center text-slate-600">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.id} data-state={row.getIsSelected() ? "selected" : undefined} className="border-b border-slate-100 last:border-0 data-[state=selected]:bg-blue-50">
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={cn("px-3 py-2 align-middle", cell.column.columnDef.meta?.className)}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
