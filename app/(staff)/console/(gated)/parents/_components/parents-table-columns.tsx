"use client";
// Column definitions of the Reset Parent Login grid (one row per parent per child).
import type { ColumnDef } from "@tanstack/react-table";
import { RotateCcw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { ariaSortOf, DataTableColumnHeader } from "@/components/data-table/data-table-column-header";
import { DataTableRowCheckbox } from "@/components/data-table/data-table-row-checkbox";
import type { ParentRow } from "@/lib/parents/search-parents";
import type { ParentSearch, SortColumn } from "@/lib/parents/search-schema";
import { nameHighlights } from "@/lib/parents/search-match";
import { RemovedBadge, StaffEmailBadge, StatusBadge } from "./status-badge";
import { Highlighted, MatchLabel } from "./search-match";

export function parentDisplayName(row: Pick<ParentRow, "parentFirstName" | "parentLastName">) {
  return `${row.parentLastName}, ${row.parentFirstName}`;
}

interface ColumnOptions {
  search: ParentSearch;
  sortHref: (column: SortColumn, dir: "asc" | "desc") => string;
  onResetRow: (row: ParentRow) => void;
}

export function getParentsTableColumns({ search, sortHref, onResetRow }: ColumnOptions): ColumnDef<ParentRow>[] {
  const sortable = (id: SortColumn, title: string, cell: (row: ParentRow) => React.ReactNode): ColumnDef<ParentRow> => {
    const direction = search.sort === id ? search.dir : null;
    return {
      id,
      header: () => <DataTableColumnHeader title={title} direction={direction} href={sortHref(id, direction === "asc" ? "desc" : "asc")} />,
      cell: ({ row }) => cell(row.original),
      meta: { ariaSort: ariaSortOf(direction) },
    };
  };

  return [
    {
      id: "select",
      header: ({ table }) => (
        <Checkbox
          aria-label="Select all rows on this page"
          checked={table.getIsAllPageRowsSelected()}
          indeterminate={table.getIsSomePageRowsSelected()}
          onChange={(event) => table.toggleAllPageRowsSelected(event.target.checked)}
        />
      ),
      cell: ({ row }) => (
        <DataTableRowCheckbox row={row} label={`Select ${parentDisplayName(row.original)} for ${row.original.childFirstName} ${row.original.childLastName}`} />
      ),
      meta: { className: "w-10" },
    },
    sortable("parent", "Parent", (row) => {
      const spans = row.match ? nameHighlights(row.match, search.q, row) : { last: null, first: null };
      return (
        <span className="flex flex-wrap items-center gap-1.5">
          <span className="font-medium text-slate-900">
            <Highlighted text={row.parentLastName} span={spans.last} />, <Highlighted text={row.parentFirstName} span={spans.first} />
          </span>
          {row.match ? <MatchLabel kind={row.match} studentNumber={row.studentNumber} /> : null}
          {row.removed ? <RemovedBadge /> : null}
        </span>
      );
    }),
    sortable("username", "Username", (row) =>
      row.username ? (
        <Highlighted text={row.username} span={row.match === "username" ? [0, row.username.length] : null} />
      ) : (
        <span className="text-slate-600">—</span>
      ),
    ),
    {
      id: "email",
      header: "E-mail",
      cell: ({ row }) =>
        row.original.email ? (
          <span className="flex flex-wrap items-center gap-1.5">
            {row.original.match === "email" ? (
              <mark className="rounded-sm bg-amber-100 text-inherit">
                <EmailAddress email={row.original.email} />
              </mark>
            ) : (
              <EmailAddress email={row.original.email} />
            )}
            {row.original.staffEmail ? <StaffEmailBadge /> : null}
          </span>
        ) : (
          <span className="text-slate-600">None on record</span>
        ),
    },
    sortable("status", "Status", (row) => <StatusBadge status={row.status} />),
    sortable("child", "Child", (row) => `${row.childLastName}, ${row.childFirstName}`),
    sortable("studentNumber", "Student ID", (row) => (
      <span className="tabular-nums">
        <Highlighted text={row.studentNumber} span={row.match === "studentNumber" ? [0, row.studentNumber.length] : null} />
      </span>
    )),
    sortable("school", "School", (row) => row.school),
    sortable("grade", "Grade", (row) => row.grade),
    sortable("relationship", "Relationship", (row) => row.relationship),
    {
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) => (
        <Button
          variant="outline"
          size="sm"
          disabled={row.original.status === "NONE" || row.original.removed}
          title={
            row.original.removed
              ? "Removed from roster: this row can no longer be used to sign in or re-register"
              : row.original.status === "NONE"
                ? "This parent has no login to reset"
                : undefined
          }
          aria-label={`Reset login of ${parentDisplayName(row.original)} (${row.original.childFirstName} ${row.original.childLastName})`}
          onClick={() => onResetRow(row.original)}
        >
          <RotateCcw className="h-3.5 w-3.5" aria-hidden="true" />
          Reset
        </Button>
      ),
      // Always in view, however wide the other columns make the table.
      meta: { stickyEnd: true },
    },
  ];
}

/** Lets a long address wrap only before its "@", never in the middle of a word. */
function EmailAddress({ email }: { email: string }) {
  const at = email.lastIndexOf("@");
  if (at <= 0) return <span className="break-all">{email}</span>;
  return (
    <span>
      {email.slice(0, at)}
      <wbr />
      {email.slice(at)}
    </span>
  );
}
