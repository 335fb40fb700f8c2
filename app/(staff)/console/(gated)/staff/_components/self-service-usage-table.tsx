// Staff self-service per week: passphrases reset through "Get back into your account", failed
// verification steps, self-service blocks (issue 9, item 7).
import type { SelfServiceWeek } from "@/lib/staff/self-service-usage-report";

export function SelfServiceUsageTable({ weeks }: { weeks: SelfServiceWeek[] }) {
  return (
    <section aria-labelledby="self-service-usage-heading" className="space-y-2">
      <h2 id="self-service-usage-heading" className="text-base font-semibold text-slate-900">
        Self-service usage
      </h2>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Staff self-service per week</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">Week of</th>
              <th scope="col" className="px-3 py-2">Passphrase resets</th>
              <th scope="col" className="px-3 py-2">Failed verifications</th>
              <th scope="col" className="px-3 py-2">Blocks</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {weeks.map((week) => (
              <tr key={week.week} data-testid="self-service-week">
                <th scope="row" className="px-3 py-2 text-left font-medium">{week.week}</th>
                <td className="px-3 py-2">{week.resets}</td>
                <td className="px-3 py-2">{week.failures}</td>
                <td className="px-3 py-2">{week.blocks}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
