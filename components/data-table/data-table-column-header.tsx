// A header that sorts through the URL: a link to the same view ordered by this column.
import Link from "next/link";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";

export interface DataTableColumnHeaderProps {
  title: string;
  /** "asc" / "desc" when the view is sorted by this column, otherwise null. */
  direction: "asc" | "desc" | null;
  /** Link for the next click: ascending first, then descending. */
  href: string;
}

export function ariaSortOf(direction: "asc" | "desc" | null) {
  return direction === "asc" ? "ascending" : direction === "desc" ? "descending" : "none";
}

export function DataTableColumnHeader({ title, direction, href }: DataTableColumnHeaderProps) {
  const Icon = direction === "asc" ? ArrowUp : direction === "desc" ? ArrowDown : ArrowUpDown;
  const next = direction === "asc" ? "descending" : "ascending";
  return (
    <Link href={href} scroll={false} className="inline-flex items-center gap-1 rounded hover:text-slate-900" aria-label={`${title}: sort ${next}`}>
      {title}
      <Icon className="h-3.5 w-3.5" aria-hidden="true" />
    </Link>
  );
}
