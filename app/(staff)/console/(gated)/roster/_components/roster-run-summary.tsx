// What a run found or did: counts per kind of record, rejected rows, examples, and the
// removal-guard warning. The same table for a dry run ("to add") and an applied run ("added").
import type { RosterEntityCounts, RosterImportSummary } from "@/lib/roster/import-roster-types";

const ENTITIES = [
  ["schools", "Schools"],
  ["students", "Students"],
  ["contacts", "Contacts (parents, guardians, relatives)"],
  ["links", "Parent-child links"],
] as const;

const COLUMNS: { key: keyof RosterEntityCounts; planned: string; done: string }[] = [
  { key: "added", planned: "To add", done: "Added" },
  { key: "changed", planned: "To change", done: "Changed" },
  { key: "removed", planned: "To remove", done: "Removed" },
  { key: "restored", planned: "To restore", done: "Restored" },
  { key: "unchanged", planned: "Unchanged", done: "Unchanged" },
];

const EXAMPLE_KINDS = [
  ["added", "Added"],
  ["changed", "Changed"],
  ["removed", "Removed"],
  ["rejected", "Rejected"],
] as const;

const count = (value: number) => value.toLocaleString("en-US");

export function RosterRunSummary({ summary, planned }: { summary: RosterImportSummary; planned: boolean }) {
  const guard = summary.removalGuard;
  return (
    <div className="space-y-4">
      {guard.exceeded ? (
        <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="removal-guard-warning">
          <p className="font-medium">This import removes more than the district&apos;s limit of {guard.limitPercent} %.</p>
          <p>
            Students: {count(guard.students.removing)} of {count(guard.students.active)} active ({guard.students.percent} %). Contacts:{" "}
            {count(guard.contacts.removing)} of {count(guard.contacts.active)} active ({guard.contacts.percent} %). Parent-child links:{" "}
            {count(guard.links?.removing ?? 0)} of {count(guard.links?.active ?? 0)} ({guard.links?.percent ?? 0} %). Check that the package is the
            whole roster (and a delta only what changed) before confirming.
          </p>
        </div>
      ) : null}
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm" data-testid="roster-counts">
          <caption className="sr-only">{planned ? "Changes this import would make" : "Changes this import made"}</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-600">
              <th scope="col" className="py-2 pe-4 font-medium">
                Records
              </th>
              {COLUMNS.map((column) => (
                <th key={column.key} scope="col" className="px-3 py-2 text-right font-medium">
                  {planned ? column.planned : column.done}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ENTITIES.map(([key, label]) => (
              <tr key={key} className="border-b border-slate-100">
                <th scope="row" className="py-2 pe-4 text-left font-medium text-slate-900">
                  {label}
                </th>
                {COLUMNS.map((column) => (
                  <td key={column.key} className="px-3 py-2 text-right tabular-nums">
                    {count(summary[key][column.key])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-slate-600">Rows rejected</dt>
          <dd className="font-medium tabular-nums text-slate-900">{count(summary.rejected)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Warnings</dt>
          <dd className="font-medium tabular-nums text-slate-900">{count(summary.warnings)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Login e-mails changed by the SIS</dt>
          <dd className="font-medium tabular-nums text-slate-900">{count(summary.emailChanges)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">OneRoster version</dt>
          <dd className="font-medium text-slate-900">{summary.version}</dd>
        </div>
      </dl>
      {EXAMPLE_KINDS.some(([kind]) => summary.examples[kind].length > 0) ? (
        <div className="space-y-2">
          <h3 className="text-sm font-semibold text-slate-900">Examples</h3>
          <div className="grid gap-3 sm:grid-cols-2">
            {EXAMPLE_KINDS.filter(([kind]) => summary.examples[kind].length > 0).map(([kind, label]) => (
              <div key={kind}>
                <h4 className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</h4>
                <ul className="list-disc ps-5 text-sm text-slate-800">
                  {summary.examples[kind].map((example, index) => (
                    <li key={index}>{example}</li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </div>
      ) : null}
    </div>
  );
}
