// Keyset pagination: links carry the (at, id) of the edge row, so every page is a URL.
import Link from "next/link";
import { ChevronLeft, ChevronRight, ChevronsLeft } from "lucide-react";
import { encodeAuditCursor, filterQueryString, type AuditSearchParams } from "@/lib/audit/audit-search-params";
import type { AuditEventRow } from "@/lib/audit/search-audit-events";

const LINK = "inline-flex h-9 items-center gap-1 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-100";
const DISABLED = "inline-flex h-9 items-center gap-1 rounded-md border border-slate-200 px-3 text-sm text-slate-400";

interface AuditPaginationProps {
  params: AuditSearchParams;
  rows: AuditEventRow[];
  hasOlder: boolean;
  hasNewer: boolean;
}

export function AuditPagination({ params, rows, hasOlder, hasNewer }: AuditPaginationProps) {
  const first = rows[0];
  const last = rows[rows.length - 1];
  const href = (cursor: Record<string, string>) => `/console/audit?${filterQueryString(params, cursor)}`;
  const edge = (enabled: boolean, target: string, label: string, icon: React.ReactNode, iconAfter = false) =>
    enabled ? (
      <Link href={target} className={LINK}>
        {iconAfter ? null : icon}
        {label}
        {iconAfter ? icon : null}
      </Link>
    ) : (
      <span className={DISABLED} aria-disabled="true">
        {iconAfter ? null : icon}
        {label}
        {iconAfter ? icon : null}
      </span>
    );
  return (
    <nav aria-label="Audit pages" className="flex flex-wrap items-center gap-2">
      {edge(hasNewer, href({}), "Newest", <ChevronsLeft className="h-4 w-4" aria-hidden="true" />)}
      {edge(hasNewer && first !== undefined, first ? href({ before: encodeAuditCursor(first) }) : "", "Newer", <ChevronLeft className="h-4 w-4" aria-hidden="true" />)}
      {edge(hasOlder && last !== undefined, last ? href({ after: encodeAuditCursor(last) }) : "", "Older", <ChevronRight className="h-4 w-4" aria-hidden="true" />, true)}
    </nav>
  );
}
