// Staff accounts (site admins): list, add (by setup link), change role, disable / enable,
// send a setup link (staff reset).
import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { requireStaffPage } from "@/lib/auth/current-principal";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { listStaffUsers } from "@/lib/staff/list-staff-users";
import { STAFF_ROLE_LABELS } from "@/lib/staff/staff-user-schemas";
import { CreateStaffUserForm } from "./_components/create-staff-user-form";
import { SendSetupLinkButton } from "./_components/send-setup-link-button";
import { EnrolmentCodeButton } from "./_components/enrolment-code-button";
import { StaffUserRowActions } from "./_components/staff-user-row-actions";
import { StaffSignInLockCell } from "./_components/staff-sign-in-lock-cell";
import { SelfServiceUsageTable } from "./_components/self-service-usage-table";
import { selfServiceUsageReport } from "@/lib/staff/self-service-usage-report";

export const metadata: Metadata = { title: "Staff" };

const formatDate = (date: Date | null) => (date ? `${date.toISOString().slice(0, 16).replace("T", " ")} UTC` : "Never");

export default async function StaffPage() {
  const me = await requireStaffPage("staff:manage");
  const [users, settings, usage] = await Promise.all([listStaffUsers(), getDistrictSettings(), selfServiceUsageReport()]);
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold text-slate-900">Staff</h1>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Staff accounts</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">Name</th>
              <th scope="col" className="px-3 py-2">Email</th>
              <th scope="col" className="px-3 py-2">Role</th>
              <th scope="col" className="px-3 py-2">Status</th>
              <th scope="col" className="px-3 py-2">Last sign-in</th>
              <th scope="col" className="px-3 py-2">Sign-in lock</th>
              <th scope="col" className="px-3 py-2">Change</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((user) => (
              <tr key={user.id} data-testid="staff-row">
                <td className="px-3 py-2 font-medium">
                  <Link href={`/console/staff/${user.id}`} className="text-blue-700 underline">
                    {user.name}
                  </Link>
                </td>
                <td className="px-3 py-2">{user.email}</td>
                <td className="px-3 py-2">{STAFF_ROLE_LABELS[user.role]}</td>
                <td className="px-3 py-2">
                  {user.disabled ? (
                    <Badge tone="danger">Disabled</Badge>
                  ) : user.awaitingSetup ? (
                    <Badge tone="warning" title="No passphrase yet: the setup link has not been used">
                      Awaiting setup
                    </Badge>
                  ) : (
                    <Badge tone="success">Active</Badge>
                  )}
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-600">{formatDate(user.lastSignInAt)}</td>
                <td className="px-3 py-2">
                  <StaffSignInLockCell user={user} />
                </td>
                <td className="px-3 py-2">
                  {user.id === me.staffUserId ? (
                    <span className="text-xs text-slate-500">This is you: another admin must change your account.</span>
                  ) : (
                    <div className="space-y-2">
                      <StaffUserRowActions key={`${user.role}-${user.disabled}`} user={user} />
                      {user.disabled ? null : <SendSetupLinkButton user={user} />}
                      {user.disabled ? null : <EnrolmentCodeButton user={user} />}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CreateStaffUserForm domains={settings.staffEmailDomains} />
      <SelfServiceUsageTable weeks={usage} />
    </div>
  );
}
