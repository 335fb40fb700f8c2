// The pending page's filters: a plain GET form, so the filters live in the URL and the
// CSV export uses the same ones.
import Link from "next/link";
import { Download } from "lucide-react";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { FormField } from "@/components/ui/form-field";
import { PENDING_MIN_DAYS, pendingQueryString, type PendingSearchParams } from "@/lib/follow-up/pending-search-params";

export interface FilterOptions {
  schools: { id: number; name: string }[];
  staff: { id: number; email: string }[];
}

export function PendingFilters({ params, options }: { params: PendingSearchParams; options: FilterOptions }) {
  return (
    <form method="get" action="/console/pending" role="search" aria-label="Filter pending re-registrations" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <FormField name="days" label="Reset at least">
          {(field) => (
            <NativeSelect {...field} defaultValue={String(params.days)}>
              {PENDING_MIN_DAYS.map((days) => (
                <option key={days} value={days}>
                  {days === 0 ? "Any time" : `${days} ${days === 1 ? "day" : "days"} ago`}
                </option>
              ))}
            </NativeSelect>
          )}
        </FormField>
        <FormField name="school" label="School">
          {(field) => (
            <NativeSelect {...field} defaultValue={params.school ? String(params.school) : ""}>
              <option value="">All schools</option>
              {options.schools.map((school) => (
                <option key={school.id} value={school.id}>
                  {school.name}
                </option>
              ))}
            </NativeSelect>
          )}
        </FormField>
        <FormField name="resetBy" label="Reset by">
          {(field) => (
            <NativeSelect {...field} defaultValue={params.resetBy ? String(params.resetBy) : ""}>
              <option value="">Anyone</option>
              {options.staff.map((member) => (
                <option key={member.id} value={member.id}>
                  {member.email}
                </option>
              ))}
            </NativeSelect>
          )}
        </FormField>
        <FormField name="from" label="Reset from (UTC date)">
          {(field) => <Input {...field} type="date" defaultValue={params.from ?? ""} />}
        </FormField>
        <FormField name="to" label="Reset to (UTC date, inclusive)">
          {(field) => <Input {...field} type="date" defaultValue={params.to ?? ""} />}
        </FormField>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" className="inline-flex h-10 items-center rounded-md bg-blue-700 px-4 text-sm font-medium text-white hover:bg-blue-800">
          Apply filters
        </button>
        <Link href="/console/pending" className="inline-flex h-10 items-center rounded-md px-4 text-sm font-medium text-slate-700 hover:bg-slate-100">
          Clear
        </Link>
        <a
          href={`/api/console/pending/export?${pendingQueryString(params)}`}
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
