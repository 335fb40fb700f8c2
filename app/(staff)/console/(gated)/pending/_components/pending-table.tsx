"use client";
// The pending parents of one page: select one or many and resend the reset notice (the
// server allows one per contact per 24 hours and says which were skipped).
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Send } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Toast, useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/action-result";
import type { ResendOutcome } from "@/lib/follow-up/resend-reset-notices";
import type { PendingRow } from "@/lib/follow-up/search-pending-reregistrations";
import { describeResend } from "../_lib/describe-resend";

/** A pending row as the page serializes it for the client: times as ISO text, days counted. */
export type PendingTableRow = Omit<PendingRow, "resetAt" | "noticeResentAt"> & {
  resetAt: string;
  noticeResentAt: string | null;
  daysPending: number;
};

export function PendingTable(props: { rows: PendingTableRow[]; resend: (input: { ids: number[] }) => Promise<ActionResult<ResendOutcome>> }) {
  const { rows, resend } = props;
  const router = useRouter();
  const { toast, show, dismiss } = useToast();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [pending, setPending] = useState(false);
  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));

  function toggle(id: number, checked: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function onResend(ids: number[]) {
    setPending(true);
    const result = await resend({ ids }).catch(() => null);
    setPending(false);
    if (!result || !result.ok) {
      show({ tone: "error", title: "The notice could not be resent", description: result?.error ?? "Please try again." });
      return;
    }
    setSelected(new Set());
    show({ tone: result.data.sent ? "success" : "info", title: describeResend(result.data) });
    router.refresh();
  }

  if (rows.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-700">No parent is waiting to re-register under these filters.</p>;
  }
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <Button size="sm" disabled={pending || selected.size === 0} onClick={() => onResend([...selected])}>
          <Send className="h-4 w-4" aria-hidden="true" />
          Resend the notice to {selected.size} selected
        </Button>
        <span className="text-sm text-slate-700">One notice per parent per 24 hours.</span>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Parents whose login was reset and who have not re-registered, oldest reset first</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">
                <Checkbox aria-label="Select every parent on this page" checked={allSelected} onChange={(event) => setSelected(event.target.checked ? new Set(rows.map((row) => row.id)) : new Set())} />
              </th>
              <th scope="col" className="px-3 py-2">Parent</th>
              <th scope="col" className="px-3 py-2">Schools</th>
              <th scope="col" className="px-3 py-2">Reset</th>
              <th scope="col" className="px-3 py-2">Reset by</th>
              <th scope="col" className="px-3 py-2">Notice resent</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.id} data-testid="pending-row">
                <td className="px-3 py-2">
                  <Checkbox aria-label={`Select ${row.parentName}`} checked={selected.has(row.id)} onChange={(event) => toggle(row.id, event.target.checked)} />
                </td>
                <td className="px-3 py-2">
                  <span className="font-medium text-slate-900">{row.parentName}</span>
                  <span className="block text-xs text-slate-700">
                    {row.username} · {row.email ?? "no e-mail on record"}
                  </span>
                </td>
                <td className="px-3 py-2">{row.schools.join(", ") || "—"}</td>
                <td className="whitespace-nowrap px-3 py-2">
                  <time dateTime={row.resetAt}>{row.resetAt.slice(0, 10)}</time>
                  <span className="block text-xs text-slate-700">{row.daysPending === 0 ? "today" : `${row.daysPending} ${row.daysPending === 1 ? "day" : "days"} ago`}</span>
                </td>
                <td className="px-3 py-2">{row.resetBy ?? "—"}</td>
                <td className="whitespace-nowrap px-3 py-2">{row.noticeResentAt ? <time dateTime={row.noticeResentAt}>{row.noticeResentAt.slice(0, 16).replace("T", " ")} UTC</time> : "—"}</td>
                <td className="px-3 py-2">
                  <Button variant="outline" size="sm" disabled={pending} onClick={() => onResend([row.id])} aria-label={`Resend the notice to ${row.parentName}`}>
                    Resend
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Toast toast={toast} onDismiss={dismiss} />
    </div>
  );
}
