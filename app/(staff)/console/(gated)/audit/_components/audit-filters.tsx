// The filter bar: a plain GET form, so the filters live in the URL, work without
// JavaScript, and the back button restores them.
import Link from "next/link";
import { Download, X } from "lucide-react";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { FormField } from "@/components/ui/form-field";
import { ACTOR_TYPES, AUDIT_PAGE_SIZES, filterQueryString, NO_VERIFICATION, type AuditSearchParams } from "@/lib/audit/audit-search-params";

const ACTOR_TYPE_LABELS = { STAFF: "Staff", PARENT: "Parent", ANONYMOUS: "Anonymous", SYSTEM: "System" } as const;

export function AuditFilters(props: { params: AuditSearchParams; actions: string[]; verificationMethods: string[]; dateError?: string }) {
  const { params, actions, dateError } = props;
  // A method taken off the checklist since stays selectable while it is the filter.
  const methods = params.verified && params.verified !== NO_VERIFICATION && !props.verificationMethods.includes(params.verified)
    ? [...props.verificationMethods, params.verified]
    : props.verificationMethods;
  const dateErrors = dateError ? [dateError] : undefined;
  return (
    <form method="get" action="/console/audit" role="search" aria-label="Filter audit events" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <FormField name="actor" label="Actor" hint="Staff email or parent username contains">
          {(field) => <Input {...field} type="search" defaultValue={params.actor ?? ""} maxLength={254} autoComplete="off" />}
        </FormField>
        <FormField name="actorType" label="Actor type">
          {(field) => (
            <NativeSelect {...field} defaultValue={params.actorType ?? ""}>
              <option value="">Any</option>
              {ACTOR_TYPES.map((type) => (
                <option key={type} value={type}>
                  {ACTOR_TYPE_LABELS[type]}
                </option>
              ))}
            </NativeSelect>
          )}
        </FormField>
        <FormField name="action" label="Action">
          {(field) => (
            <NativeSelect {...field} defaultValue={params.action ?? ""}>
              <option value="">All actions</option>
              {actions.map((action) => (
                <option key={action} value={action}>
                  {action}
                </option>
              ))}
            </NativeSelect>
          )}
        </FormField>
        <FormField name="parent" label="Parent" hint="Contact id, or last name (“Garcia, Maria”)">
          {(field) => <Input {...field} type="search" defaultValue={params.parent ?? ""} maxLength={100} autoComplete="off" />}
        </FormField>
        <FormField name="from" label="From (UTC date)" errors={dateErrors}>
          {(field) => <Input {...field} type="date" defaultValue={params.from ?? ""} />}
        </FormField>
        <FormField name="to" label="To (UTC date, inclusive)" errors={dateErrors}>
          {(field) => <Input {...field} type="date" defaultValue={params.to ?? ""} />}
        </FormField>
        <FormField name="verified" label="Caller verification" hint="Parent login resets only">
          {(field) => (
            <NativeSelect {...field} defaultValue={params.verified ?? ""}>
              <option value="">Any</option>
              <option value={NO_VERIFICATION}>None recorded</option>
              {methods.map((method) => (
                <option key={method} value={method}>
                  {method}
                </option>
              ))}
            </NativeSelect>
          )}
        </FormField>
        <FormField name="ticket" label="Ticket number" hint="Exact, on resets">
          {(field) => <Input {...field} type="search" defaultValue={params.ticket ?? ""} maxLength={64} autoComplete="off" />}
        </FormField>
        <FormField name="size" label="Rows per page">
          {(field) => (
            <NativeSelect {...field} defaultValue={String(params.size)}>
              {AUDIT_PAGE_SIZES.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </NativeSelect>
          )}
        </FormField>
        {params.actorId !== undefined ? (
          <div className="flex items-end">
            <input type="hidden" name="actorId" value={params.actorId} />
            <p className="flex items-center gap-2 text-sm text-slate-700">
              Only actor #{params.actorId}
              <Link
                href={`/console/audit?${filterQueryString(params, { actorId: undefined })}`}
                className="inline-flex items-center rounded p-1 text-slate-600 hover:bg-slate-100"
                aria-label={`Remove the filter on actor #${params.actorId}`}
              >
                <X className="h-4 w-4" aria-hidden="true" />
              </Link>
            </p>
          </div>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" className="inline-flex h-10 items-center rounded-md bg-blue-700 px-4 text-sm font-medium text-white hover:bg-blue-800">
          Apply filters
        </button>
        <Link href="/console/audit" className="inline-flex h-10 items-center rounded-md px-4 text-sm font-medium text-slate-700 hover:bg-slate-100">
          Clear
        </Link>
        <a
          href={`/api/console/audit/export?${filterQueryString(params)}`}
          className="ms-auto inline-flex h-10 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-4 text-sm font-medium text-slate-900 hover:bg-slate-100"
          download
        >
          <Download className="h-4 w-4" aria-hidden="true" />
          Export CSV
        </a>
      </div>
    </form>
  );
}
