// The events of one page, newest first. Rendered on the server once the query resolves
// (inside <Suspense>), so the filter bar shows at once and the rows stream in.
import Link from "next/link";
import type { AuditSearchResult } from "@/lib/audit/search-audit-events";
import { filterQueryString, type AuditSearchParams } from "@/lib/audit/audit-search-params";
import { summarizeAuditDetails } from "@/lib/audit/summarize-audit-details";
import { recordedVerification } from "@/lib/audit/recorded-verification";
import { LocalTime } from "./local-time";
import { AuditPagination } from "./audit-pagination";

interface AuditTableProps {
  params: AuditSearchParams;
  result: Promise<AuditSearchResult>;
  count: Promise<{ count: number; capped: boolean }>;
}

const MAX_PARENT_LINKS = 3;

function describeParentMatch({ contactCount, truncated }: NonNullable<AuditSearchResult["parentMatch"]>) {
  if (truncated) return `more than ${contactCount.toLocaleString("en-US")} contacts; only the first ones are searched, so narrow the name`;
  return `${contactCount} ${contactCount === 1 ? "contact" : "contacts"}`;
}

export async function AuditTable({ params, result, count }: AuditTableProps) {
  const [{ rows, hasOlder, hasNewer, parentMatch }, total] = await Promise.all([result, count]);
  const link = (overrides: Record<string, string | number | undefined>) => `/console/audit?${filterQueryString(params, overrides)}`;
  return (
    <section aria-labelledby="audit-results-heading" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="audit-results-heading" className="text-sm text-slate-700" aria-live="polite">
          {total.count.toLocaleString("en-US")}
          {total.capped ? "+" : ""} matching {total.count === 1 && !total.capped ? "event" : "events"}
          {parentMatch ? ` · the parent name matched ${describeParentMatch(parentMatch)}` : ""}
        </h2>
      </div>
      {rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
          No audit events match these filters.
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Audit events, newest first</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">Time</th>
                <th scope="col" className="px-3 py-2">Actor</th>
                <th scope="col" className="px-3 py-2">Action</th>
                <th scope="col" className="px-3 py-2">IP</th>
                <th scope="col" className="px-3 py-2">Parents</th>
                <th scope="col" className="px-3 py-2">Details</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => {
                const iso = row.at.toISOString();
                return (
                  <tr key={String(row.id)} className="align-top" data-testid="audit-row">
                    <td className="whitespace-nowrap px-3 py-2">
                      <time dateTime={iso} className="block font-mono text-xs">{iso}</time>
                      <LocalTime iso={iso} />
                    </td>
                    <td className="px-3 py-2">
                      {row.actorId !== null ? (
                        <Link className="text-blue-700 underline-offset-2 hover:underline" href={link({ actorType: row.actorType, actorId: row.actorId, actor: undefined })}>
                          {row.actorLabel ?? `#${row.actorId}`}
                        </Link>
                      ) : (
                        <span>{row.actorLabel ?? "—"}</span>
                      )}
                      <span className="block text-xs text-slate-500">{row.actorType.toLowerCase()}</span>
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{row.action}</td>
                    <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{row.ip ?? "—"}</td>
                    <td className="px-3 py-2">
                      <span>{row.contactIds.length}</span>
                      {row.contactIds.length > 0 && row.contactIds.length <= MAX_PARENT_LINKS ? (
                        <span className="block text-xs">
                          {row.contactIds.map((id) => (
                            <Link key={id} href={link({ parent: id })} className="me-1 text-blue-700 hover:underline" aria-label={`Events of contact ${id}`}>
                              #{id}
                            </Link>
                          ))}
                        </span>
                      ) : null}
                    </td>
                    <td className="max-w-md px-3 py-2">
                      <VerificationLine details={row.details} />
                      <details>
                        <summary className="cursor-pointer text-slate-700">{summarizeAuditDetails(row.details) || "—"}</summary>
                        <pre tabIndex={0} className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs">
                          {JSON.stringify(row.details, null, 2)}
                        </pre>
                      </details>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <AuditPagination params={params} rows={rows} hasOlder={hasOlder} hasNewer={hasNewer} />
    </section>
  );
}

/** How the caller was verified, for reset events that recorded it. */
function VerificationLine({ details }: { details: unknown }) {
  const verification = recordedVerification(details);
  if (!verification) return null;
  return (
    <p className="mb-1 text-xs text-slate-800" data-testid="audit-verification">
      <span className="font-semibold">Caller verified:</span> {verification.methods.length ? verification.methods.join("; ") : "not recorded"}
      {verification.ticket ? <> · <span className="font-semibold">Ticket</span> {verification.ticket}</> : null}
      {verification.reason ? <> · <span className="font-semibold">Reason</span> {verification.reason}</> : null}
    </p>
  );
}
