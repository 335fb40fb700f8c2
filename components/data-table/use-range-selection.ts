"use client";
// Row selection as in a mail client: a click or Space toggles one row and remembers it as the
// anchor; Shift+click or Shift+Space sets every selectable row from the anchor to this one to
// the anchor's new state.
import { useCallback, useRef } from "react";
import type { Row, Table } from "@tanstack/react-table";

export type SelectRow<TData> = (row: Row<TData>, options: { range: boolean }) => void;

export function useRangeSelection<TData>(table: Table<TData>): SelectRow<TData> {
  const anchor = useRef<{ id: string; value: boolean } | null>(null);
  return useCallback(
    (row, { range }) => {
      if (!row.getCanSelect()) return;
      const rows = table.getRowModel().rows;
      const anchorIndex = anchor.current ? rows.findIndex((candidate) => candidate.id === anchor.current!.id) : -1;
      const index = rows.findIndex((candidate) => candidate.id === row.id);
      if (range && anchor.current && anchorIndex >= 0 && index >= 0) {
        const value = anchor.current.value;
        const [from, to] = anchorIndex <= index ? [anchorIndex, index] : [index, anchorIndex];
        const ids = rows.slice(from, to + 1).filter((candidate) => candidate.getCanSelect()).map((candidate) => candidate.id);
        table.setRowSelection((old) => {
          const next = { ...old };
          for (const id of ids) {
            if (value) next[id] = true;
            else delete next[id];
          }
          return next;
        });
        return;
      }
      const value = !row.getIsSelected();
      row.toggleSelected(value);
      anchor.current = { id: row.id, value };
    },
    [table],
  );
}
