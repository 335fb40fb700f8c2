import { AlertTriangle } from "lucide-react";
import type { OutboxSummary } from "@/lib/mail/dev-inbox";
import { formatDateTime } from "./format-date-time";

function Count({ label, value, tone }: { label: string; value: number; tone: string }) {
  return (
    <div className={`rounded-md border px-4 py-2 ${tone}`}>
      <dt className="text-xs uppercase tracking-wide">{label}</dt>
      <dd className="text-xl font-semibold tabular-nums">{value.toLocaleString("en-US")}</dd>
    </div>
  );
}

export function OutboxStatus({ summary }: { summary: OutboxSummary }) {
  return (
    <section aria-labelledby="outbox-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="outbox-heading" className="text-sm font-semibold">Outbox queue</h2>
      <dl className="flex flex-wrap gap-3">
        <Count label="Pending" value={summary.pending} tone="border-slate-200 text-slate-800" />
        <Count label="Retrying" value={summary.retrying} tone={summary.retrying ? "border-amber-300 bg-amber-50 text-amber-900" : "border-slate-200 text-slate-800"} />
        <Count label="Failed" value={summary.failed} tone={summary.failed ? "border-red-300 bg-red-50 text-red-900" : "border-slate-200 text-slate-800"} />
        <Count label="Sent" value={summary.sent} tone="border-slate-200 text-slate-800" />
      </dl>
      {summary.recentProblems.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="mb-2 text-left text-slate-600">
              <AlertTriangle aria-hidden className="me-1 inline size-4 text-amber-600" />
              Recent delivery problems (newest 10)
            </caption>
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="py-1 pe-3">To</th>
                <th scope="col" className="py-1 pe-3">Template</th>
                <th scope="col" className="py-1 pe-3">Status</th>
                <th scope="col" className="py-1 pe-3">Attempts</th>
                <th scope="col" className="py-1 pe-3">Next attempt</th>
                <th scope="col" className="py-1">Last error</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {summary.recentProblems.map((row) => (
                <tr key={row.id}>
                  <td className="py-1 pe-3">{row.toAddress}</td>
                  <td className="max-w-[16rem] truncate py-1 pe-3 font-mono text-xs">{row.template}</td>
                  <td className="py-1 pe-3">{row.status}</td>
                  <td className="py-1 pe-3 tabular-nums">{row.attempts}</td>
                  <td className="py-1 pe-3">{row.status === "PENDING" ? formatDateTime(row.nextAttemptAt) : "—"}</td>
                  <td className="py-1 font-mono text-xs">{row.lastError ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
