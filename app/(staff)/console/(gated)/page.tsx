// The console home: how resets are followed up over the last 30 days (resets and
// re-registrations per day, share within a week, median time, pending) and mail health.
// The grid stays one click away (the first link here and the nav).
import Link from "next/link";
import type { Metadata } from "next";
import { requireStaffPage } from "@/lib/auth/current-principal";
import { resetFollowUpStats } from "@/lib/follow-up/reset-follow-up-stats";
import { ResetActivityChart } from "./_components/reset-activity-chart";

export const metadata: Metadata = { title: "Home" };
export const dynamic = "force-dynamic";

function formatDuration(hours: number): string {
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} minutes`;
  if (hours < 48) return `${hours.toFixed(1).replace(/\.0$/, "")} hours`;
  return `${(hours / 24).toFixed(1).replace(/\.0$/, "")} days`;
}

function Stat({ label, value, detail, testId }: { label: string; value: React.ReactNode; detail?: React.ReactNode; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid={testId}>
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold text-slate-900">{value}</dd>
      {detail ? <dd className="mt-1 text-sm text-slate-700">{detail}</dd> : null}
    </div>
  );
}

export default async function ConsoleHomePage() {
  await requireStaffPage("parents:search");
  const stats = await resetFollowUpStats();
  const { withinWeek, mail } = stats;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-xl font-semibold text-slate-900">Home</h1>
        <Link href="/console/parents" className="text-sm font-medium text-blue-700 underline-offset-2 hover:underline">
          Find a parent and reset a login
        </Link>
      </div>
      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Stat
          testId="stat-pending"
          label="Waiting to re-register"
          value={stats.pending.toLocaleString("en-US")}
          detail={<Link href="/console/pending" className="text-blue-700 underline">See who, and resend the notice</Link>}
        />
        <Stat
          testId="stat-within-week"
          label="Re-registered within 7 days"
          value={withinWeek.of ? `${Math.round((withinWeek.reregistered / withinWeek.of) * 100)}%` : "—"}
          detail={`${withinWeek.reregistered} of ${withinWeek.of} logins reset 7 to 30 days ago`}
        />
        <Stat
          testId="stat-median"
          label="Median time to re-register"
          value={stats.medianHoursToReregister === null ? "—" : formatDuration(stats.medianHoursToReregister)}
          detail="Re-registrations of the last 30 days"
        />
        <Stat
          testId="stat-mail"
          label="Mail queued"
          value={mail.queued.toLocaleString("en-US")}
          detail={
            <span className={mail.retrying || mail.failed ? "font-medium text-red-800" : undefined}>
              {mail.retrying} retrying after an error · {mail.failed} failed (30 days)
            </span>
          }
        />
      </dl>
      <section aria-labelledby="activity-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="activity-heading" className="mb-2 text-base font-semibold text-slate-900">
          Resets and re-registrations
        </h2>
        <ResetActivityChart days={stats.days} />
      </section>
    </div>
  );
}
