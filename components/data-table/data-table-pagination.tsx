"use client";
// Page links and the page-size choice; the parent builds the hrefs (cursor or page number).
import Link from "next/link";
import { ChevronLeft, ChevronRight, ChevronsLeft } from "lucide-react";
import { cn } from "@/components/ui/cn";

export interface DataTablePaginationProps {
  summary: string;
  firstHref: string | null;
  previousHref: string | null;
  nextHref: string | null;
  size: number;
  sizes: readonly number[];
  onSizeChange: (size: number) => void;
}

function PageLink({ href, label, children }: { href: string | null; label: string; children: React.ReactNode }) {
  const className = "inline-flex h-8 items-center gap-1 rounded-md border border-slate-300 bg-white px-2.5 text-sm";
  if (!href) {
    return (
      <span aria-disabled="true" className={cn(className, "cursor-not-allowed text-slate-500")}>
        {children}
      </span>
    );
  }
  return (
    <Link href={href} aria-label={label} className={cn(className, "text-slate-800 hover:bg-slate-100")}>
      {children}
    </Link>
  );
}

export function DataTablePagination({ summary, firstHref, previousHref, nextHref, size, sizes, onSizeChange }: DataTablePaginationProps) {
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm text-slate-700">
      <p>{summary}</p>
      <div className="flex items-center gap-4">
        <label className="flex items-center gap-2">
          Rows per page
          <select
            value={size}
            onChange={(event) => onSizeChange(Number(event.target.value))}
            className="h-8 rounded-md border border-slate-300 bg-white px-2"
          >
            {sizes.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </label>
        <div className="flex items-center gap-1">
          <PageLink href={firstHref} label="First page">
            <ChevronsLeft className="h-4 w-4" aria-hidden="true" />
          </PageLink>
          <PageLink href={previousHref} label="Previous page">
            <ChevronLeft className="h-4 w-4" aria-hidden="true" />
            Previous
          </PageLink>
          <PageLink href={nextHref} label="Next page">
            Next
            <ChevronRight className="h-4 w-4" aria-hidden="true" />
          </PageLink>
        </div>
      </div>
    </nav>
  );
}
